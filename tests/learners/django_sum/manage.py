#!/usr/bin/env python
"""Django's command-line utility, as ``django-admin startproject sumsite`` writes it.

A sum/echo project as a beginner writes it: JSON views, JsonResponse, the project's
default settings (DEBUG on, CSRF middleware on). Run: ``python manage.py runserver PORT``.
"""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sumsite.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
