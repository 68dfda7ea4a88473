# render の文言（日本語）。id は en/render.ftl と同じにしてください。
