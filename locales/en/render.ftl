# Messages of the render stage: English. Keep the ids the same in ja/render.ftl.
