"""Event extraction internals: the trigger lexicon, trigger matching, cues, roles and assembly.

The stages in rasid/stages/events.py, attribution.py and notes.py are thin wrappers over these modules.
"""
