# Everything installs into .venv on first use; a fresh clone needs only python3 (3.11+) and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: play test bench check routes dist dev clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

play: $(STAMP)
	$(BIN)/vn play scripts

# for writers: the game reloads scripts/ whenever a file there is saved
dev: $(STAMP)
	$(BIN)/vn play scripts --dev

test: $(STAMP)
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(BIN)/python -m pytest -q

# the executable's figures need a fresh build
bench: $(STAMP) dist
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(BIN)/python -m bench

check: $(STAMP)
	$(BIN)/vn check scripts

routes: $(STAMP)
	$(BIN)/vn routes scripts

# one-folder executable of a story, in dist/GAME-ID/: the shipped game by default,
# another story folder with `make dist STORY=examples/lighthouse` (or VN_STORY=...)
STORY ?= $(or $(VN_STORY),scripts)
GAME_ID = $(shell $(BIN)/python -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1], encoding="utf-8"))["game"]["id"])' '$(STORY)/game.yaml')

dist: $(STAMP)
	VN_STORY='$(STORY)' $(BIN)/pyinstaller --noconfirm --clean --log-level WARN build.spec
	dist/$(GAME_ID)/$(GAME_ID) --selftest

clean:
	rm -rf $(VENV) build dist .pytest_cache .hypothesis
