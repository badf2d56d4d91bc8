# FaaSr's R user API for faasr-it's local executor (docs/r-runtime.md).
#
# The same function names, signatures and return values as FaaSr 2.1's R client, sourced into the global environment
# before the user's files, as FaaSr's R entry does. Each call is one HTTP request to the executor's loopback RPC
# server, which does the work against S3 and writes the instance's log. Only base R and jsonlite are used: requests
# are written on a plain socket and bodies are encoded as FaaSr's client encodes them (top-level NULL or empty
# elements dropped, scalars unboxed, full precision) and read back the same way (JSON objects become lists).

.faasr_rpc_request <- function(route, body) {
  port <- as.integer(Sys.getenv("FAASR_LOCAL_RPC_PORT", "0"))
  token <- Sys.getenv("FAASR_LOCAL_RPC_TOKEN", "")
  body <- body[lengths(body) > 0]
  payload <- charToRaw(enc2utf8(as.character(jsonlite::toJSON(body, auto_unbox = TRUE, digits = 22))))
  head <- paste0(
    "POST /", route, " HTTP/1.1\r\n",
    "Host: 127.0.0.1:", port, "\r\n",
    "Authorization: Bearer ", token, "\r\n",
    "Content-Type: application/json\r\n",
    "Content-Length: ", length(payload), "\r\n",
    "Connection: close\r\n\r\n")
  # A transfer of a large object may take long: the function's MaxRuntime, not the socket, bounds the wait.
  connection <- socketConnection("127.0.0.1", port, blocking = TRUE, open = "r+b", timeout = 86400)
  on.exit(close(connection))
  writeBin(c(charToRaw(head), payload), connection)
  chunks <- list()
  repeat {
    chunk <- readBin(connection, "raw", 65536L)
    if (length(chunk) == 0) break
    chunks[[length(chunks) + 1L]] <- chunk
  }
  answer <- rawToChar(do.call(c, c(list(raw()), chunks)))
  split <- regexpr("\r\n\r\n", answer, fixed = TRUE)
  if (split < 0) stop("FaaSr RPC answered without an HTTP header")
  status <- as.integer(strsplit(substr(answer, 1L, split - 1L), " ", fixed = TRUE)[[1]][2])
  text <- substr(answer, split + 4L, nchar(answer, type = "bytes"))
  Encoding(text) <- "UTF-8"
  list(status = status, content = if (nzchar(text)) jsonlite::fromJSON(text, simplifyVector = FALSE) else NULL)
}

# A user API call. FaaSr's server fails a call by ending its request handler, so the R client meets an R error it can
# catch; an uncaught one is recorded like any error of the user function (docs/r-runtime.md).
.faasr_action <- function(procedure, arguments, call) {
  reply <- .faasr_rpc_request("faasr-action", list(ProcedureID = procedure, Arguments = arguments))
  if (!isTRUE(reply$content$Success)) {
    reason <- if (is.character(reply$content$Message)) reply$content$Message else paste("HTTP status", reply$status)
    stop(simpleError(paste0(procedure, ": Request to FaaSr RPC failed -- ", reason), call))
  }
  reply$content
}

faasr_log <- function(log_message) {
  .faasr_action("faasr_log", list(log_message = log_message), sys.call())$Success
}

faasr_put_file <- function(local_file, remote_file, server_name = "", local_folder = ".", remote_folder = ".") {
  .faasr_action("faasr_put_file", list(
    local_file = local_file, remote_file = remote_file, server_name = server_name,
    local_folder = local_folder, remote_folder = remote_folder), sys.call())$Success
}

faasr_get_file <- function(local_file, remote_file, server_name = "", local_folder = ".", remote_folder = ".") {
  .faasr_action("faasr_get_file", list(
    local_file = local_file, remote_file = remote_file, server_name = server_name,
    local_folder = local_folder, remote_folder = remote_folder), sys.call())$Success
}

faasr_delete_file <- function(remote_file, server_name = "", remote_folder = "") {
  .faasr_action("faasr_delete_file", list(
    remote_file = remote_file, server_name = server_name, remote_folder = remote_folder), sys.call())$Success
}

# The full keys under the prefix, as a list of strings (FaaSr's R client does not simplify JSON arrays).
faasr_get_folder_list <- function(server_name = "", prefix = "") {
  .faasr_action("faasr_get_folder_list", list(server_name = server_name, prefix = prefix), sys.call())$Data$folder_list
}

faasr_get_s3_creds <- function(server_name = "") {
  .faasr_action("faasr_get_s3_creds", list(server_name = server_name), sys.call())$Data$s3_creds
}

faasr_secret <- function(secret_name) {
  if (is.null(secret_name) || secret_name == "") {
    faasr_exit(error = TRUE, message = "faasr_secret: secret_name cannot be empty or NULL")
    quit(status = 1, save = "no")
  }
  .faasr_action("faasr_secret", list(secret_name = secret_name), sys.call())$Data$secret_value
}

faasr_invocation_id <- function() {
  .faasr_action("faasr_invocation_id", list(), sys.call())$Data$invocation_id
}

# FaaSr 2.1's R client asks the server for the invocation ID here, not for the rank, so in the cloud an R function
# gets list(invocation_id = ...) from faasr_rank(); the local run answers the same, so code that relies on $rank
# fails here as it would there (docs/r-runtime.md).
faasr_rank <- function(rank_value = NULL) {
  .faasr_action("faasr_invocation_id", list(), sys.call())$Data
}

# An arrow S3 file system on a data store's bucket (optionally under a prefix). Needs the arrow package, which FaaSr's
# R image has and Debian does not package.
faasr_arrow_s3_bucket <- function(server_name = "", faasr_prefix = "") {
  if (!requireNamespace("arrow", quietly = TRUE)) {
    stop(simpleError(paste0(
      "faasr_arrow_s3_bucket needs the R package 'arrow', which is not installed on this machine ",
      "(install it with install.packages(\"arrow\"), or read the object with faasr_get_file)"), sys.call()))
  }
  creds <- faasr_get_s3_creds(server_name = server_name)
  bucket <- if (faasr_prefix != "") paste0(creds$bucket, "/", faasr_prefix) else creds$bucket
  if (isTRUE(creds$anonymous)) {
    arrow::s3_bucket(bucket = bucket, endpoint_override = creds$endpoint, region = creds$region, anonymous = TRUE)
  } else {
    arrow::s3_bucket(
      bucket = bucket, endpoint_override = creds$endpoint, region = creds$region,
      access_key = creds$access_key, secret_key = creds$secret_key)
  }
}

# Reports the function's logical result and ends the process; NULL ends it without a result, as FaaSr's does.
faasr_return <- function(return_value = NULL) {
  if (is.null(return_value)) {
    quit(status = 0, save = "no")
  }
  reply <- .faasr_rpc_request("faasr-return", list(FunctionResult = return_value))
  if (!identical(reply$status, 200L)) {
    faasr_exit(error = TRUE, message = paste0("HTTP request failed with status code: ", reply$status))
    quit(status = 1, save = "no")
  }
  if (!isTRUE(reply$content$Success)) {
    message("Request to FaaSr RPC failed")
    faasr_exit(error = TRUE)
  }
  quit(status = 0, save = "no")
}

# Reports how the function ended (error, message, traceback) and ends the process: status 0 once the report is taken.
faasr_exit <- function(message = NULL, error = TRUE, traceback = NULL) {
  reply <- .faasr_rpc_request("faasr-exit", list(Error = error, Message = message, Traceback = traceback))
  if (isTRUE(reply$content$Success)) {
    quit(status = 0, save = "no")
  }
  base::message("Request to FaaSr RPC failed")
  quit(status = 1, save = "no")
}
