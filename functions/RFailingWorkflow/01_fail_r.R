# Stops while handling an error, so the log shows both errors in the call stack FaaSr records.
fail_r <- function(folder) {
  faasr_log("fail_r is about to stop")
  tryCatch(stop("inside_exception"), error = function(e) stop("outside_exception"))
}
