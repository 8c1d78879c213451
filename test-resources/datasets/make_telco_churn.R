#!/usr/bin/env Rscript
# Regenerates the telco-churn-*.csv samples from the wa_churn data set of the R package
# modeldata (Debian: r-cran-modeldata, MIT; the data come from IBM's Watson Analytics
# sample "Telco customer churn"). Run from this folder:
#   Rscript make_telco_churn.R
# Output is deterministic: a fixed column list and a seeded split.
#
# The 7043 customers are split at random into three thirds: one
# to train a churn model on, one to calibrate it on, and the current rows, ordered by
# tenure from the longest-standing customers to the newest. Tenure is the months a
# customer has been with the company, so consecutive windows of the current file are
# successive cohorts: the churn rate rises from about 2 % to about 60 % and the mix of
# contracts changes with it, a real shift between windows.
suppressPackageStartupMessages(library(modeldata))
data(wa_churn, package = "modeldata")

cols <- c("tenure", "contract", "internet_service", "online_security", "tech_support",
          "payment_method", "paperless_billing", "senior_citizen", "partner",
          "dependents", "monthly_charges", "churn")
stopifnot(all(cols %in% names(wa_churn)))
d <- as.data.frame(wa_churn[, cols])
d <- d[complete.cases(d), ]
for (col in names(d)) if (is.factor(d[[col]])) d[[col]] <- as.character(d[[col]])

set.seed(20261207)
part <- sample(rep(1:3, length.out = nrow(d)))
current <- d[part == 3, ]
current <- current[order(-current$tenure, seq_len(nrow(current))), ]

write <- function(rows, file) write.csv(rows, file, row.names = FALSE, quote = FALSE)
write(d[part == 1, ], "telco-churn-train.csv")
write(d[part == 2, ], "telco-churn-calibration.csv")
write(current, "telco-churn-current.csv")
