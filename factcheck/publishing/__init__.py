"""Publishing fact-checks: what an editor made public (models, operations), the public pages
(public.py) and the editor's buttons (views.py)."""
