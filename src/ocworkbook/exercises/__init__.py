"""The exercise engine: model (schema), bank (YAML loading and validation), check (pure
checkers), widgets (ipywidgets front end), progress (the learner's local record)."""
