# No models of its own: roles are auth groups. This module exists because Django
# sends post_migrate only to apps with a models module, and NewsroomConfig.ready()
# hooks it to keep the roles' permissions complete (see roles.py).
