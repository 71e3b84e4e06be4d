"""The Streamlit dashboard's shared pieces: strings, formatting, charts, the person in the URL, engine calls."""
