# A real source error, not an import error: FaaSr stops at this file and the function fails.
def broken(:
    return None
