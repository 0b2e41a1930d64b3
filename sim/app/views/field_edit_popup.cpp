#include "app/views/field_edit_popup.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <utility>

#include "app/ui/fonts.hpp"
#include "app/ui/theme.hpp"
#include "app/ui/widgets.hpp"

namespace hl::app {
namespace {

constexpr const char* kPopupId = "What if? Edit this field###field-edit";

std::string hex_of(const Bytes& bytes, std::size_t offset, std::size_t length) {
  std::string out;
  char cell[4];
  for (std::size_t i = offset; i < offset + length && i < bytes.size(); ++i) {
    std::snprintf(cell, sizeof cell, i == offset ? "%02x" : " %02x", bytes[i]);
    out += cell;
  }
  return out;
}

const char* kind_hint(edit::ValueKind kind) {
  switch (kind) {
    case edit::ValueKind::number: return "A number (decimal, or 0x.. for hex):";
    case edit::ValueKind::named: return "Pick a value from its IANA table:";
    case edit::ValueKind::text: return "Text:";
    case edit::ValueKind::bytes: return "Bytes, as hex (two digits a byte; spaces allowed):";
  }
  return "";
}

}  // namespace

const edit::EditableField* FieldEditPopup::editable(const ViewContext& context, const Field& field) {
  const Session& session = context.session;
  if (cached_step_ != session.step_key()) {
    cached_step_ = session.step_key();
    const wire::DecodedStep* decoded = session.current_decoded();
    const Step* step = session.current_step();
    const bool editable_run = session.run() != nullptr && !session.run()->transcript.capture && session.run()->scenario.seed;
    fields_ = decoded != nullptr && step != nullptr && step->kind == StepKind::record && editable_run
                  ? edit::editable_fields(decoded->fields)
                  : std::vector<edit::EditableField>{};
  }
  auto found = std::find_if(fields_.begin(), fields_.end(), [&](const edit::EditableField& candidate) {
    return candidate.offset == field.offset && candidate.length == field.length && candidate.name == field.name;
  });
  return found == fields_.end() ? nullptr : &*found;
}

void FieldEditPopup::open(const ViewContext& context, const edit::EditableField& field) {
  const Session& session = context.session;
  const auto grouped = session.grouped_run();
  if (grouped == nullptr || session.run() == nullptr) return;
  const auto index = same_record_index(session.run()->transcript, session.current_index(), grouped->transcript);
  if (!index) return;
  field_ = field;
  step_ = *index + 1;
  const StepDisplay* display = session.current_display();
  step_title_ = display != nullptr ? display->title : std::string();
  choice_ = -1;
  const auto choices = edit::value_choices(field_);
  for (std::size_t i = 0; i < choices.size(); ++i)
    if (choices[i].name != nullptr && field_.value.find(choices[i].name) != std::string::npos) choice_ = static_cast<int>(i);
  remove_ = false;
  keep_lengths_ = false;
  std::string start = field_.kind == edit::ValueKind::bytes ? hex_of(session.current_step()->bytes, field_.offset, field_.length)
                      : field_.kind == edit::ValueKind::text ? std::string() : field_.value.substr(0, field_.value.find(' '));
  text_.assign(std::max<std::size_t>(edit::kMaxEditValueLen, start.size()) + 1, '\0');
  std::copy(start.begin(), start.end(), text_.begin());
  sent_at_.reset();
  opening_ = true;
}

std::string FieldEditPopup::value() const {
  if (remove_) return "remove";
  const std::string typed(text_.data());
  if (field_.kind == edit::ValueKind::named) {
    const auto choices = edit::value_choices(field_);
    return choice_ >= 0 && static_cast<std::size_t>(choice_) < choices.size() ? edit::choice_value(choices[choice_]) : typed;
  }
  if (field_.kind == edit::ValueKind::bytes) return "hex:" + typed;
  if (field_.kind == edit::ValueKind::text) return "text:" + typed;
  return typed;
}

void FieldEditPopup::draw_value_input() {
  const auto choices = edit::value_choices(field_);
  const float width = ImGui::GetFontSize() * 30;
  ImGui::TextUnformatted(kind_hint(field_.kind));
  ImGui::SetNextItemWidth(width);
  if (field_.kind == edit::ValueKind::named && !choices.empty()) {
    const std::string preview = choice_ >= 0 ? edit::choice_value(choices[choice_]) : "(choose)";
    if (ImGui::BeginCombo("##choice", preview.c_str(), ImGuiComboFlags_HeightLarge)) {
      for (std::size_t i = 0; i < choices.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        char label[160];
        std::snprintf(label, sizeof label, "%s  (0x%04x)", choices[i].name != nullptr ? choices[i].name : "?",
                      static_cast<unsigned>(choices[i].code));
        if (ImGui::Selectable(label, choice_ == static_cast<int>(i))) choice_ = static_cast<int>(i);
        if (choice_ == static_cast<int>(i) && ImGui::IsWindowAppearing()) ImGui::SetScrollHereY();
        ImGui::PopID();
      }
      ImGui::EndCombo();
    }
    return;
  }
  if (field_.kind == edit::ValueKind::bytes && field_.length > 24) {
    ImGui::InputTextMultiline("##value", text_.data(), text_.size(), ImVec2(width, ImGui::GetTextLineHeight() * 6));
    return;
  }
  ImGui::InputText("##value", text_.data(), text_.size());
}

void FieldEditPopup::draw(ViewContext& context) {
  if (std::exchange(opening_, false)) {
    context.edit_error.clear();
    ImGui::OpenPopup(kPopupId);
  }
  if (!ImGui::BeginPopupModal(kPopupId, nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings))
    return;
  const auto& colours = ui::palette();
  bool done = sent_at_ && context.edits_sent != *sent_at_;  // the App sent it and opened the compare view
  ImGui::Text("Step %zu: %s", step_, step_title_.c_str());
  ImGui::PushFont(ui::fonts().heading);
  ImGui::TextUnformatted(field_.name.c_str());
  ImGui::PopFont();
  ImGui::TextDisabled("now: %s", field_.value.c_str());
  ImGui::Spacing();
  if (field_.removable) ImGui::Checkbox("Remove it from the record", &remove_);
  if (!remove_) draw_value_input();
  ImGui::Spacing();
  ImGui::Checkbox("Keep lengths as they are (malformed)", &keep_lengths_);
  ImGui::SameLine();
  ui::help_marker("Off: every length that encloses the field (the list, the extension, the message, the record) is "
                  "rewritten to fit, so the record still parses. On: they keep their old values, so the receiver reads a "
                  "length that does not match what follows: the malformed-input lesson (decode_error).");
  ImGui::Spacing();
  ImGui::PushStyleColor(ImGuiCol_Text, colours.bad);
  ImGui::TextUnformatted("On the wire \xe2\x80\x94 Mallory changes the bytes; the transcript no longer matches.");
  ImGui::PopStyleColor();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
  ImGui::TextDisabled("The sender wrote the original: its handshake transcript holds the original bytes, the receiver's "
                      "holds these. The run is replayed from the same seed up to this step.");
  if (!context.edit_error.empty() && sent_at_) ui::wrapped_text(context.edit_error.c_str(), colours.bad);
  ImGui::PopTextWrapPos();
  ImGui::Spacing();
  if (ImGui::Button("Send this instead")) {
    edit::EditSpec spec;
    spec.step = step_;
    spec.path = field_.path;
    spec.value = value();
    spec.keep_lengths = keep_lengths_;
    context.edit_error.clear();
    context.edit_wanted = spec;
    sent_at_ = context.edits_sent;
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) done = true;
  if (done) {
    sent_at_.reset();
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace hl::app
