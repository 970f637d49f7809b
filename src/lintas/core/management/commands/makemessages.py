"""Django's makemessages with stable catalogues: entries sorted by msgid and no source locations.

Location comments (``#: app/views.py:123``) change with every edit above a string, and
gettext's default order follows the source files, so two branches that each add a string
rewrite large parts of the same ``.po`` files and collide on merge. Sorted, location-free
catalogues change only where a string is added, removed or translated.
"""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--sort-output"]
    msguniq_options = [*makemessages.Command.msguniq_options, "--sort-output"]
    msgattrib_options = [*makemessages.Command.msgattrib_options, "--sort-output"]
    xgettext_options = [*makemessages.Command.xgettext_options, "--sort-output"]

    def handle(self, *args, **options):
        options["no_location"] = True
        options["add_location"] = None
        return super().handle(*args, **options)
