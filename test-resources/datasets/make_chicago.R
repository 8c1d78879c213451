#!/usr/bin/env Rscript
# Regenerates the chicago-*.csv samples from the Chicago data set of the R package
# modeldata (Debian: r-cran-modeldata, MIT). Run from this folder:
#   Rscript make_chicago.R
# Output is deterministic: a fixed column list, rows in date order, and a seeded
# permutation for the two 2010 halves.
suppressPackageStartupMessages(library(modeldata))
data(Chicago, package = "modeldata")

# A sample small enough to commit: total ridership, ten stations spread over the
# network, and seven weather columns. Column names are kept as in modeldata
# ("percip" is spelled that way upstream).
stations <- c("Austin", "Quincy_Wells", "Belmont", "Clark_Lake", "Harlem",
              "Jefferson_Park", "Western", "Irving_Park", "Merchandise_Mart", "Kedzie")
weather <- c("temp", "temp_min", "temp_max", "humidity", "pressure", "wind", "percip")
numeric_cols <- c("ridership", stations, weather)
stopifnot(all(numeric_cols %in% names(Chicago)))

d <- as.data.frame(Chicago[, c("date", numeric_cols)])
d <- d[order(d$date), ]
# Categorical columns derived from the date only. Names are fixed English strings
# (not weekdays()/months(), which follow the locale).
d$day_of_week <- c("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat")[as.POSIXlt(d$date)$wday + 1]
d$month <- month.abb[as.POSIXlt(d$date)$mon + 1]
d$date <- format(d$date, "%Y-%m-%d")
year <- substr(d$date, 1, 4)

write_sample <- function(rows, file) {
  out <- rows
  for (col in numeric_cols) out[[col]] <- signif(out[[col]], 6)
  write.csv(out, file, row.names = FALSE, quote = FALSE)
  cat(sprintf("%s: %d rows x %d columns\n", file, nrow(out), ncol(out)))
}

write_sample(d[year == "2002", ], "chicago-2002.csv")
write_sample(d[year == "2008", ], "chicago-2008.csv")

# Two random halves of 2010: same population, so a drift check must stay quiet.
# sample() uses R >= 3.6 "Rejection" sampling; the seed fixes the split.
y2010 <- d[year == "2010", ]
set.seed(20100101, kind = "Mersenne-Twister", normal.kind = "Inversion", sample.kind = "Rejection")
perm <- sample(nrow(y2010))
half <- nrow(y2010) %/% 2
a <- y2010[sort(perm[seq_len(half)]), ]
b <- y2010[sort(perm[(half + 1):nrow(y2010)]), ]
write_sample(a, "chicago-2010-a.csv")
write_sample(b, "chicago-2010-b.csv")

# A regression pair: fit on 2005-2007, test on the following year. Target `ridership`
# (Clark/Lake entries that day); the station columns are 14-day lags in modeldata, so
# they are legitimate predictors known in advance. `date` is kept for a common schema
# with the files above; it identifies the row and is no feature.
write_sample(d[year %in% c("2005", "2006", "2007"), ], "chicago-ridership-train.csv")
write_sample(d[year == "2008", ], "chicago-ridership-test.csv")
