"""Writes on the knowledge base: the thematic tree, practices, their import, review,
translations, evaluations and spread. Each function checks the actor's rule, locks what two
people can race on, records an audit event and notifies after the commit.
"""

from befus.knowledge.services.evaluations import add_evaluation
from befus.knowledge.services.imports import (
    SHIPPED_PRACTICES,
    ImportReport,
    import_practices,
)
from befus.knowledge.services.practices import (
    add_attachments,
    create_practice,
    remove_attachment,
    update_practice,
)
from befus.knowledge.services.review import (
    archive_practice,
    comment_on_field,
    publish_practice,
    republish_practice,
    request_practice_changes,
    resolve_comments,
    reviewers_of,
    start_review,
    submit_practice,
)
from befus.knowledge.services.spread import ask_contact, record_adoption
from befus.knowledge.services.topics import SHIPPED_TREE, load_topics, merge_topics
from befus.knowledge.services.translations import (
    accept_translation,
    propose_translation,
    reject_translation,
    translate_practice,
)

__all__ = [
    "SHIPPED_PRACTICES",
    "SHIPPED_TREE",
    "ImportReport",
    "accept_translation",
    "add_attachments",
    "add_evaluation",
    "archive_practice",
    "ask_contact",
    "comment_on_field",
    "create_practice",
    "import_practices",
    "load_topics",
    "merge_topics",
    "propose_translation",
    "publish_practice",
    "record_adoption",
    "reject_translation",
    "remove_attachment",
    "republish_practice",
    "request_practice_changes",
    "resolve_comments",
    "reviewers_of",
    "start_review",
    "submit_practice",
    "translate_practice",
    "update_practice",
]
