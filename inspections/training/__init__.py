"""Themes and polarity learned from findings people labelled.

- labels/: the labelled set (findings.jsonl, read by people; second-reading.jsonl, a second
  person's independent reading of a sample, for agreement) and docs/labelling.md's rulings;
  sentences.jsonl, the sentences of 260 findings labelled one by one (sentences-second-reading.jsonl:
  83 of them read again), not read by the build (BENCHMARKS.md says why)
- dataset.py: the labelled set and admins' corrections as examples
- build.py: examples -> the model file that parsing/theme_model.py applies
- evaluate.py: the held-out measures (grouped k-fold) that BENCHMARKS.md reports
"""
