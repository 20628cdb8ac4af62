"""The pages of the knowledge base, by concern; ``befus.knowledge.urls`` names them from here."""

from befus.knowledge.views.browse import (
    practice_detail,
    practice_list,
    publication_list,
    search_page,
)
from befus.knowledge.views.contributions import practice_adopt, practice_ask, practice_evaluate
from befus.knowledge.views.review import practice_action, practice_review, review_queue
from befus.knowledge.views.sharing import (
    my_practices,
    practice_attachment,
    practice_attachment_remove,
    practice_edit,
    practice_new,
)
from befus.knowledge.views.topics import topic_detail, topic_list, topic_merge
from befus.knowledge.views.translations import practice_translate, translation_review

__all__ = [
    "my_practices",
    "practice_action",
    "practice_adopt",
    "practice_ask",
    "practice_attachment",
    "practice_attachment_remove",
    "practice_detail",
    "practice_edit",
    "practice_evaluate",
    "practice_list",
    "practice_new",
    "practice_review",
    "practice_translate",
    "publication_list",
    "review_queue",
    "search_page",
    "topic_detail",
    "topic_list",
    "topic_merge",
    "translation_review",
]
