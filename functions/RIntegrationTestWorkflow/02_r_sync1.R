# Joins test_py_api (Python) and test_r_api (R): TRUE when both left exactly what they should, else FALSE. Its
# logical result picks the branch of InvokeNext, as a Python function's True or False does.
r_sync1 <- function(folder) {
  faasr_log(paste0("Using invocation ID: ", faasr_invocation_id()))
  prefix <- r_it_run_folder(folder)
  listed <- unlist(faasr_get_folder_list(prefix = prefix))
  problems <- character()
  for (gone in c("input1.txt", "input4.txt")) {
    if (paste0(prefix, "/", gone) %in% listed) problems <- c(problems, paste(gone, "still exists"))
  }
  expected <- list(
    "input2.txt" = r_it_contents$input2,
    "input3.txt" = r_it_contents$input3,
    "output1-py.txt" = r_it_contents$output1,
    "output2-py.txt" = r_it_contents$output2,
    "output1-R.txt" = r_it_contents$output1,
    "output2-R.txt" = r_it_contents$output2
  )
  for (name in names(expected)) {
    if (!(paste0(prefix, "/", name) %in% listed)) {
      problems <- c(problems, paste(name, "is missing"))
    } else if (r_it_get_text(folder, name) != expected[[name]]) {
      problems <- c(problems, paste(name, "has unexpected content"))
    }
  }
  if (length(problems) > 0) {
    faasr_log(paste0("Sync1 found problems: ", paste(problems, collapse = "; ")))
    return(FALSE)
  }
  faasr_log("Sync1 Completed: Returning TRUE to invoke test_run_true")
  TRUE
}
