// Package catalogue describes, as plain values, what a release publishes
// besides its pages: the open-data datasets (schema, files, examples), the
// changes since the previous release and the release history, and the
// static search index's parameters. opendata and search fill it; render
// shows it. It holds no writer and imports only the model, so the pages
// depend on the description of the data, not on the code that writes it.
package catalogue
