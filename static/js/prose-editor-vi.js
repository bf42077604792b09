// Vietnamese names for the body editor's toolbar (django-prose-editor).
// The editor's dialogs go through gettext (locale/vi/LC_MESSAGES/djangojs.po), but
// its toolbar buttons and the block-type menu carry hard-coded English ("bold",
// "Heading 2"). This extension, loaded through DJANGO_PROSE_EDITOR_EXTENSIONS,
// renames them by item name before the toolbar is built. Its priority puts it
// after the extensions that add items (Link, Figure).
import { Extension } from "django-prose-editor/editor";

const LABELS = {
  paragraph: "Đoạn văn",
  bulletList: "Danh sách gạch đầu dòng",
  orderedList: "Danh sách đánh số",
  orderedListProperties: "Kiểu đánh số",
  blockquote: "Trích dẫn",
  horizontalRule: "Đường kẻ ngang",
  figure: "Chèn ảnh",
  bold: "In đậm",
  italic: "In nghiêng",
  underline: "Gạch chân",
  strike: "Gạch ngang chữ",
  subscript: "Chỉ số dưới",
  superscript: "Chỉ số trên",
  "textAlign:left": "Căn trái",
  "textAlign:center": "Căn giữa",
  "textAlign:right": "Căn phải",
  "textAlign:justify": "Căn đều hai bên",
  "history:undo": "Hoàn tác",
  "history:redo": "Làm lại",
  html: "Sửa mã HTML",
  fullscreen: "Toàn màn hình",
  link: "Chèn liên kết",
  unlink: "Bỏ liên kết",
};
const GROUPS = "blockType nodes headings lists marks link textAlign history utility table";

function labelFor(name) {
  const heading = /^heading(\d)$/.exec(name);
  return heading ? `Tiêu đề cấp ${heading[1]}` : LABELS[name];
}

export const VietnameseLabels = Extension.create({
  name: "vietnameseLabels",
  priority: 1,

  addMenuItems({ menu }) {
    for (const item of menu.items(GROUPS)) {
      const label = labelFor(item.name);
      if (!label) continue;
      if (item.button) {
        item.button.title = label;
        item.button.setAttribute("aria-label", label);
      }
      if (item.option) item.option.textContent = label;
    }
  },
});
