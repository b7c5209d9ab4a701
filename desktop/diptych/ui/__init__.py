"""Qt widgets of Diptych. Thin: state and rules live in ``diptych.core``."""
