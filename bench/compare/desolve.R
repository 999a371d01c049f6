# The speciosa linear PK model in deSolve (LSODA): dA/dt = M A, bolus doses into the gut
# compartment as events, outputs on the same grid. Usage:
#   Rscript desolve.R MATRIX_CSV DOSE_NMOL TAU_H N_DOSES END_H STEP_H SUBJECTS OUT_CSV
suppressPackageStartupMessages(library(deSolve))
a <- commandArgs(trailingOnly = TRUE)
M <- as.matrix(read.csv(a[1], header = FALSE))
dose <- as.numeric(a[2]); tau <- as.numeric(a[3]); n_doses <- as.integer(a[4])
end_h <- as.numeric(a[5]); step_h <- as.numeric(a[6]); subjects <- as.integer(a[7])
times <- seq(0, end_h, by = step_h)
rhs <- function(t, y, parms) list(as.vector(parms %*% y))
events <- data.frame(var = 1, time = (0:(n_doses - 1)) * tau, value = dose, method = "add")
# deSolve matches numeric event targets against state names, so the states are named.
y0 <- setNames(rep(0, nrow(M)), paste0("a", seq_len(nrow(M))))
run <- function() lsoda(y0, times, rhs, M, rtol = 1e-8, atol = 1e-10, events = list(data = events))
out <- run()
cpu <- function() { p <- proc.time(); p[["user.self"]] + p[["sys.self"]] }
started <- cpu()
for (i in seq_len(subjects)) run()
elapsed <- cpu() - started  # CPU seconds: per-core speed on a shared machine
write.csv(data.frame(time = out[, 1], central_mg = out[, 3], central_oh = out[, 6]), a[8], row.names = FALSE)
cat(sprintf("%.6f\n", elapsed))
