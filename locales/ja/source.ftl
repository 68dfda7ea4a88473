# source の文言（日本語）。id は en/source.ftl と同じにしてください。
