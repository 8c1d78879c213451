#!/usr/bin/env Rscript
# Writes the data bundled with `mlstages demo` (cli/src/main/resources/io/mlstages/cli/demo/)
# from the Chicago data set of the R package modeldata (Debian: r-cran-modeldata, MIT).
# Run from this folder:  Rscript make_demo.R
# Same columns as make_chicago.R. Two periods, before and after the 2008 rise in ridership:
#   A = 2002-2003, B = 2009-2010.
# Each period is cut by day, in date order, with no random numbers: day i (0-based) goes to
#   i %% 4 in {0, 1} -> training, 2 -> validation (A) or live (B), 3 -> live (A) or next (B).
# Cycles of 4 days keep weekdays and months balanced (4 and 7 are coprime), so a slice
# differs from its period only by chance, which is what the "clean" checks need.
suppressPackageStartupMessages(library(modeldata))
data(Chicago, package = "modeldata")

stations <- c("Austin", "Quincy_Wells", "Belmont", "Clark_Lake", "Harlem",
              "Jefferson_Park", "Western", "Irving_Park", "Merchandise_Mart", "Kedzie")
weather <- c("temp", "temp_min", "temp_max", "humidity", "pressure", "wind", "percip")
numeric_cols <- c("ridership", stations, weather)
stopifnot(all(numeric_cols %in% names(Chicago)))

d <- as.data.frame(Chicago[, c("date", numeric_cols)])
d <- d[order(d$date), ]
d$day_of_week <- c("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat")[as.POSIXlt(d$date)$wday + 1]
d$month <- month.abb[as.POSIXlt(d$date)$mon + 1]
d$date <- format(d$date, "%Y-%m-%d")
year <- substr(d$date, 1, 4)

out_dir <- "../../cli/src/main/resources/io/mlstages/cli/demo"
write_sample <- function(rows, name) {
  out <- rows
  for (col in numeric_cols) out[[col]] <- signif(out[[col]], 6)
  file <- file.path(out_dir, name)
  write.csv(out, file, row.names = FALSE, quote = FALSE)
  cat(sprintf("%s: %d rows x %d columns\n", name, nrow(out), ncol(out)))
}

split_period <- function(years, prefix, third, fourth) {
  p <- d[year %in% years, ]
  slot <- (seq_len(nrow(p)) - 1) %% 4
  write_sample(p[slot <= 1, ], paste0(prefix, "-train.csv"))
  write_sample(p[slot == 2, ], paste0(prefix, "-", third, ".csv"))
  write_sample(p[slot == 3, ], paste0(prefix, "-", fourth, ".csv"))
}
split_period(c("2002", "2003"), "chicago-a", "validation", "live")
split_period(c("2009", "2010"), "chicago-b", "live", "next")
