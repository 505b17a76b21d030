"""Scoring scripts: each extractor measured on annotated news.

    python -m evaluation NAME PATH [options]

NAME is a module here (entities, quotes, money, dates) with ``main(argv)``;
PATH is an annotated JSON Lines file such as ``../shared/data/news-dev.jsonl``.
Figures are printed; the data files are never copied into the project.
"""
