#include "app/views/field_edit_popup.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <span>
#include <utility>

#include "app/ui/fonts.hpp"
#include "app/ui/layout_probe.hpp"
#include "app/ui/theme.hpp"
#include "app/ui/widgets.hpp"
#include "core/edit/client_change.hpp"

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

// Text in a colour, wrapped where the caller's PushTextWrapPos says (the modal sizes itself to its
// content, so wrapping at the window's edge would never wrap).
void coloured_text(const std::string& text, ImU32 colour) {
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopStyleColor();
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
  const Bytes& bytes = session.current_step()->bytes;
  const auto choices = edit::value_choices(field_);
  if (field_.length <= 4 && field_.offset + field_.length <= bytes.size()) {  // the code the field holds now
    std::uint32_t code = 0;
    for (std::size_t i = 0; i < field_.length; ++i) code = code << 8 | bytes[field_.offset + i];
    for (std::size_t i = 0; i < choices.size(); ++i)
      if (choices[i].code == code) choice_ = static_cast<int>(i);
  }
  remove_ = false;
  keep_lengths_ = false;
  client_may_send_ = edit::is_client_hello(grouped->transcript, step_);
  by_ = EditBy::wire;
  preview_for_.clear();
  std::string start = field_.kind == edit::ValueKind::bytes ? hex_of(session.current_step()->bytes, field_.offset, field_.length)
                      : field_.kind == edit::ValueKind::text ? std::string() : field_.value.substr(0, field_.value.find(' '));
  text_.assign(std::max<std::size_t>(edit::kMaxEditValueLen, start.size()) + 1, '\0');
  std::copy(start.begin(), start.end(), text_.begin());
  sent_at_.reset();
  opening_ = true;
}

edit::EditSpec FieldEditPopup::spec() const {
  edit::EditSpec spec;
  spec.step = step_;
  spec.path = field_.path;
  spec.value = value();
  spec.keep_lengths = by_ == EditBy::wire && keep_lengths_;
  return spec;
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
        ui::probe_last_item("what-if choices", label);
        if (choice_ == static_cast<int>(i) && ImGui::IsWindowAppearing()) ImGui::SetScrollHereY();
        ImGui::PopID();
      }
      ImGui::EndCombo();
    }
    ui::probe_last_item("what-if popup", "choice");
    return;
  }
  if (field_.kind == edit::ValueKind::bytes && field_.length > 24) {
    ImGui::InputTextMultiline("##value", text_.data(), text_.size(), ImVec2(width, ImGui::GetTextLineHeight() * 6));
    return;
  }
  ImGui::InputText("##value", text_.data(), text_.size());
}

void FieldEditPopup::draw_who() {
  ImGui::TextUnformatted("Who changes it?");
  int who = by_ == EditBy::client ? 1 : 0;
  ImGui::RadioButton("On the wire: Mallory edits the record in flight", &who, 0);
  ui::probe_last_item("what-if popup", "On the wire");
  ImGui::BeginDisabled(!client_may_send_);
  ImGui::RadioButton("By the client: it sends this itself", &who, 1);
  ui::probe_last_item("what-if popup", "By the client");
  ImGui::EndDisabled();
  ImGui::SameLine();
  ui::help_marker(client_may_send_
                      ? "On the wire: the sender wrote the original and Mallory swaps it in flight, so the two sides' "
                        "transcripts differ (integrity). By the client: the client is configured to offer this (its "
                        "suites, groups and key shares, server name, ALPN, versions, signature algorithms), so both "
                        "transcripts hold it and you see what the server negotiates."
                      : "Only the client's own ClientHello is the client's to change: pick step 1 (or a later "
                        "connection's ClientHello). Every other record can be changed on the wire.");
  by_ = who == 1 && client_may_send_ ? EditBy::client : EditBy::wire;
}

void FieldEditPopup::draw_consequence(const ViewContext& context) {
  const auto& colours = ui::palette();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
  if (by_ == EditBy::wire) {
    ImGui::Checkbox("Keep lengths as they are (malformed)", &keep_lengths_);
    ImGui::SameLine();
    ui::help_marker("Off: every length that encloses the field (the list, the extension, the message) is "
                    "rewritten to fit, so the record still parses. On: they keep their old values, so the receiver reads a "
                    "length that does not match what follows: the malformed-input lesson (decode_error).");
    ImGui::Spacing();
    coloured_text("On the wire \xe2\x80\x94 Mallory changes the bytes; the transcript no longer matches.", colours.bad);
    ImGui::TextDisabled("The sender wrote the original: its handshake transcript holds the original bytes, the receiver's "
                        "holds these. The run is replayed from the same seed up to this step.");
  } else {
    coloured_text("By the client \xe2\x80\x94 the client itself sends this; both transcripts agree.", colours.client);
    const std::string wanted = value();
    if (wanted != preview_for_) {  // worked out once per value, not every frame
      preview_for_ = wanted;
      const auto run = context.session.grouped_run();
      const edit::EditSpec asked = spec();
      std::string settings, why;
      client_preview_ok_ = run != nullptr && client_settings_for(*run, std::span(&asked, 1), settings, why);
      client_preview_ = client_preview_ok_ ? settings : why;
    }
    if (client_preview_ok_) {
      ImGui::TextDisabled("The client is configured with:");
      ui::value_text(client_preview_, colours.text);  // wraps between settings and after '_', never mid-name
    } else {
      coloured_text(client_preview_, colours.bad);  // why not: the same field, the same value already, not the client's
    }
  }
  if (!context.edit_error.empty() && sent_at_) coloured_text(context.edit_error, colours.bad);
  ImGui::PopTextWrapPos();
}

void FieldEditPopup::draw(ViewContext& context) {
  if (std::exchange(opening_, false)) {
    context.edit_error.clear();
    ImGui::OpenPopup(kPopupId);
  }
  if (!ImGui::BeginPopupModal(kPopupId, nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings))
    return;
  bool done = sent_at_ && context.edits_sent != *sent_at_;  // the App sent it and opened the compare view
  ImGui::Text("Step %zu: %s", step_, step_title_.c_str());
  ImGui::PushFont(ui::fonts().heading);
  ImGui::TextUnformatted(field_.name.c_str());
  ImGui::PopFont();
  if (field_.path != field_.name) {  // the path trace --edit takes: "cipher_suites[0]"
    ImGui::SameLine();
    ImGui::TextDisabled("(%s)", field_.path.c_str());
  }
  ImGui::TextDisabled("now: %s", field_.value.c_str());
  ImGui::Spacing();
  draw_who();
  ImGui::Spacing();
  if (field_.removable) ImGui::Checkbox("Remove it from the record", &remove_);
  if (!remove_) draw_value_input();
  ImGui::Spacing();
  draw_consequence(context);
  ImGui::Spacing();
  const bool blocked = by_ == EditBy::client && !client_preview_ok_;  // the preview already says why
  ImGui::BeginDisabled(blocked);
  if (ImGui::Button("Send this instead")) {
    context.edit_error.clear();
    context.edit_wanted = EditRequest{spec(), by_};
    sent_at_ = context.edits_sent;
  }
  ImGui::EndDisabled();
  ui::probe_last_item("what-if popup", "Send this instead");
  ImGui::SameLine();
  const bool cancelled = ImGui::Button("Cancel");
  ui::probe_last_item("what-if popup", "Cancel");
  if (cancelled || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) done = true;
  if (done) {
    sent_at_.reset();
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace hl::app
