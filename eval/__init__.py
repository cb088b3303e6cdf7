"""Evaluation scripts: score the extraction core on ../shared/eval and print figures."""
