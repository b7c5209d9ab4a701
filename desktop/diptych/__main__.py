from diptych.cli import entry

entry()
