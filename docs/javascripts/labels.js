/* Generated from swkb/catalog/labels.py by `python scripts/labels_js.py`: do not edit by hand. */
window.SWKB_LABELS = Object.freeze({
  "NOT_STATED": "来源未规定",
  "NOT_COLLECTED": "未收集",
  "NOT_STATED_HINT": "所引文件没有规定这一项",
  "NOT_COLLECTED_HINT": "我们尚未从来源整理这一项",
  "NO_NUMBER": "来源未载文号",
  "OUR_TITLE": "本站拟题"
});
