# spec §4.1's test_r_api without arrow: deletes input4, reads input2 and input3 (input3 through faasr_get_file where
# FaaSr's test reads it with faasr_arrow_s3_bucket), and writes the two R outputs.
test_r_api <- function(folder, input2, input3, input4, output1, output2) {
  faasr_log(paste0("Using invocation ID: ", faasr_invocation_id()))
  faasr_delete_file(remote_file = input4, remote_folder = r_it_run_folder(folder))
  if (r_it_get_text(folder, input2) != r_it_contents$input2 || r_it_get_text(folder, input3) != r_it_contents$input3) {
    stop(input2, " or ", input3, " does not hold what create_input wrote")
  }
  r_it_put_text(folder, output1, r_it_contents$output1)
  r_it_put_text(folder, output2, r_it_contents$output2)
  faasr_log(paste0("Deleted ", input4, "; read ", input2, " and ", input3, "; wrote ", output1, " and ", output2))
}
