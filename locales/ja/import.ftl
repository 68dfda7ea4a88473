# import の文言（日本語）。id は en/import.ftl と同じにしてください。
