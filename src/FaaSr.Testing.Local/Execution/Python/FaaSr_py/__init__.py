"""FaaSr_py as faasr-it's local executor provides it: only the client API that user functions import."""
