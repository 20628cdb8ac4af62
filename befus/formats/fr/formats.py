# Belgian French writes dates and numbers as Belgian Dutch does.
from befus.formats.nl.formats import *  # noqa: F403
