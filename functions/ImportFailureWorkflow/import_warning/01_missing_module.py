# Imports a module that exists nowhere: FaaSr skips this file with a WARNING and keeps looking for the function.
import faasr_it_module_that_does_not_exist


def unreachable():
    return faasr_it_module_that_does_not_exist
