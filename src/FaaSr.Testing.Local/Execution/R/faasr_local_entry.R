# Runs one FaaSr R function for faasr-it's local executor, the way FaaSr 2.1's R entry runs it (docs/r-runtime.md).
#
# Started as `Rscript --no-init-file faasr_local_entry.R` with the invocation as JSON on stdin:
# {"FunctionName", "Arguments" (JSON text), "Folders", "Files", "ClientStubs"}. jsonlite is attached and the client
# stubs are sourced into the global environment, then every *.R file of the function's code, so user code sees what
# it sees in FaaSr's R container. The function is called with the arguments as jsonlite reads them; an error in it is
# logged with the call stack and reported through faasr_exit, and a logical result is reported through faasr_return.

.faasr_entry <- new.env()

local(envir = .faasr_entry, {
  # Files of FaaSr's own R entry, never sourced as user code.
  ignored <- c("r_func_entry.R", "r_func_helper.R", "http_wrappers.R")

  source_user_file <- function(path) {
    if (basename(path) %in% ignored) return(invisible())
    cat("{\"faasr_source_r_files\":\"Sourcing R file", basename(path), "\"}\n")
    # A file that fails to source is reported on stdout and skipped, as FaaSr does; the rest are still sourced.
    tryCatch(source(path, local = globalenv()), error = function(e) {
      cat("{\"faasr_source_r_files\":\"R file ", basename(path), " has following source error: ", conditionMessage(e), "\"}\n")
    })
  }

  source_user_code <- function(folders, files) {
    for (folder in folders) {
      for (path in list.files(folder, pattern = "\\.R$", recursive = TRUE, full.names = TRUE)) source_user_file(path)
    }
    for (path in files) source_user_file(path)
  }

  run_user_function <- function(function_name, arguments) {
    user_function <- tryCatch(get(function_name, envir = globalenv()), error = function(e) {
      text <- paste0("{\"faasr_user_function\":\"Cannot find function, ", function_name, ", check the name and sources\"}\n")
      message(text)
      faasr_log(text)
      faasr_exit()
    })
    withCallingHandlers(do.call(user_function, arguments), error = function(e) {
      # The stack at the error, the user's frames included, before anything unwinds.
      stack <- paste(capture.output(sys.calls()), collapse = "\n")
      faasr_log(paste0("\"faasr_user_function\":Errors in the user function - ", as.character(e)))
      faasr_log(stack)
      message("{\"faasr_user_function\":\"Errors in the user function, ", function_name, ", check the log for the detail\"}\n")
      faasr_exit(traceback = stack)
    })
  }
})

# At top level, as in FaaSr's entry, so the call stack of an error starts at the user function's call.
.faasr_invocation <- jsonlite::fromJSON(paste(readLines(file("stdin"), warn = FALSE), collapse = "\n"), simplifyVector = FALSE)
suppressPackageStartupMessages(library(jsonlite))
source(.faasr_invocation$ClientStubs, local = globalenv())
.faasr_entry$source_user_code(unlist(.faasr_invocation$Folders), unlist(.faasr_invocation$Files))
.faasr_arguments <- jsonlite::fromJSON(.faasr_invocation$Arguments)
.faasr_result <- .faasr_entry$run_user_function(.faasr_invocation$FunctionName, .faasr_arguments)
faasr_return(if (is.logical(.faasr_result)) .faasr_result else NULL)
