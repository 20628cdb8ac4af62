"""The platform's search: one index for every kind of content, in Dutch, French and English.

Text is analysed in Python (accent folding, stop words, Snowball stemming per language) and
stored pre-analysed, so that SQLite (FTS5) and PostgreSQL (tsvector, 'simple' configuration)
match and rank the same tokens. Cross-language search rests on concepts: the labels and synonyms
of the thematic tree's nodes and a glossary of the field, in every language; a document carries
a concept's token when its text names the concept or it is classified under the node, and a query
that names a concept in any language matches it. See docs/search.md.
"""
