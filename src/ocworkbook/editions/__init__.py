"""Learner and instructor editions of the workbook (``ocworkbook build learner|instructor OUT``).

- :mod:`.notebooks` filters notebook cells by tag (``solution``, ``notes-animation``);
- :mod:`.learner_bank` rewrites the exercise bank with salted hashes and obscured feedback;
- :mod:`.leaks` proves that the learner edition still checks answers and shows no key in clear;
- :mod:`.notes` collects the teaching notes and the answer key of the instructor edition;
- :mod:`.build` puts an edition together in a folder.
"""
