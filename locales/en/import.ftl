# Messages of the import stage: English. Keep the ids the same in ja/import.ftl.
