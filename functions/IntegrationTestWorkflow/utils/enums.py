"""Contents every function of IntegrationTestWorkflow writes or expects (spec/faasr.md §4.1)."""

INPUT_1 = "Test input1"
INPUT_2 = "Test input2"
INPUT_3 = "id,fruit,price\n1,apple,1.99\n2,banana,0.16\n3,strawberry,3.77\n"
INPUT_4 = "Test input4"

OUTPUT_1 = "Test output1"
OUTPUT_2 = "Test output2"

RUN_TRUE = "test_run_true invoked"
RUN_FALSE = "test_run_false invoked"

RANK_PREFIX = "Test input for rank "
RANK_COUNT = 5
