# Messages of the source stage: English. Keep the ids the same in ja/source.ftl.
