"""Finding source files and reading them safely: the pipeline's first stage."""
