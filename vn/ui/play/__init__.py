"""What a game in progress keeps beside its screen: controls, rollback, skip and auto, saving, the scene shelf."""
