"""What screens are made of: the dialogue box, menus, cards, toasts and panel decor. Widgets never import screens."""
