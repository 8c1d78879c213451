#!/usr/bin/env Rscript
# Regenerates the hpc-jobs-*.csv samples from the hpc_data data set of the R package
# modeldata (Debian: r-cran-modeldata, MIT; the data come from Kuhn and Johnson, Applied
# Predictive Modeling, 2013: unix jobs of a high-performance computing system and how long
# they ran, VF very fast, F fast, M moderate, L long). Run from this folder:
#   Rscript make_hpc_jobs.R
# Output is deterministic: a seeded split.
#
# The 4331 jobs are split at random into three thirds: one to train a four-class model on,
# one to calibrate it on, and the current rows, ordered by the number of compounds the
# job processes, from the smallest jobs to the largest. Consecutive windows of the current
# file then hold ever larger jobs: the class mix moves from nearly all VF to mostly M and
# L, a real shift between windows (performance estimation of several classes,
# docs/estimation.md).
suppressPackageStartupMessages(library(modeldata))
data(hpc_data, package = "modeldata")

d <- as.data.frame(hpc_data)
d <- d[complete.cases(d), ]
for (col in names(d)) if (is.factor(d[[col]])) d[[col]] <- as.character(d[[col]])

set.seed(20261207)
part <- sample(rep(1:3, length.out = nrow(d)))
current <- d[part == 3, ]
current <- current[order(current$compounds, seq_len(nrow(current))), ]

write <- function(rows, file) write.csv(rows, file, row.names = FALSE, quote = FALSE)
write(d[part == 1, ], "hpc-jobs-train.csv")
write(d[part == 2, ], "hpc-jobs-calibration.csv")
write(current, "hpc-jobs-current.csv")
