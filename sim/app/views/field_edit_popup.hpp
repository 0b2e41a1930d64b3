// "What if?" in the field tree (issue 14): the modal that edits one field of a record (a choice
// from its IANA table, a number, text, hex, or remove), says who makes the change (Mallory on the
// wire, with the malformed-input checkbox; or the client itself, for its own ClientHello, with the
// settings that become), and asks the App to send it (ViewContext::edit_wanted).
// Its controls report their rectangles to the layout probe (group "what-if popup") so a test can click them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "app/views/view.hpp"
#include "core/edit/field_edit.hpp"

namespace hl::app {

class FieldEditPopup {
 public:
  /// The editable field of the current step's wire tree that `field` is, or nullptr (an inner field,
  /// an event, a field no path reaches). Cached per step.
  const edit::EditableField* editable(const ViewContext& context, const Field& field);
  /// Opens the modal on `field` of the current step (found with editable()).
  void open(const ViewContext& context, const edit::EditableField& field);
  /// Draws the modal while it is open; call once per frame, outside any table.
  void draw(ViewContext& context);

 private:
  void draw_value_input();
  void draw_who();
  void draw_consequence(const ViewContext& context);
  std::string value() const;
  edit::EditSpec spec() const;

  std::optional<StepKey> cached_step_;
  std::vector<edit::EditableField> fields_;  // the current step's editable fields
  bool opening_ = false;
  edit::EditableField field_;
  std::size_t step_ = 0;            // from 1, events grouped (as trace numbers it)
  std::string step_title_;
  int choice_ = -1;                 // named: the chosen row of value_choices()
  bool remove_ = false;
  bool keep_lengths_ = false;
  bool client_may_send_ = false;    // the step is the client's own ClientHello
  EditBy by_ = EditBy::wire;
  std::string preview_for_;         // the value client_preview_ was worked out for
  std::string client_preview_;      // by the client: "--set ..." it becomes, or why it cannot
  bool client_preview_ok_ = false;
  std::vector<char> text_;          // number, text or hex, as typed
  std::optional<unsigned> sent_at_;  // edits_sent when this modal asked; closes when the App bumps it
};

}  // namespace hl::app
