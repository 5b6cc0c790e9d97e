/* ka_form_names.h - the names of the dossier form's controls and event
 * handlers, written once for the two sides that must agree on them:
 * tools/ka_gen.c writes them into registration/DossierPanel.xdl, and the
 * panel (addin/ka_form.c, addin/ka_sidebar.c) finds its controls and
 * receives its events by them.  Pure C, no UNO.
 *
 * A field of a simple section is KA_FORM_FIELD "<field>" (f_name), a field
 * of a record section KA_FORM_FIELD "<section>_<field>" (f_people_name);
 * the record list of a section is KA_FORM_RECORDS "<section>" (r_people),
 * its buttons KA_FORM_ADD / KA_FORM_REMOVE "<section>", and its events the
 * handler prefixes below followed by the section key.  A field of several
 * choices (key-account types) is one check box per choice, KA_FORM_FIELD
 * "<field>" KA_FORM_CHOICE "<code>" (f_type.image-maker). */
#ifndef KA_FORM_NAMES_H
#define KA_FORM_NAMES_H

/* control id prefixes */
#define KA_FORM_FIELD "f_"   /* an editable field */
#define KA_FORM_LABEL "l_"   /* the label of a field */
#define KA_FORM_SECTION "s_" /* the line above a section */
#define KA_FORM_RECORDS "r_" /* the record list of a record section */
#define KA_FORM_ADD "add_"   /* a record section's Add button */
#define KA_FORM_REMOVE "del_"
#define KA_FORM_CHOICE "." /* between a field's name and a choice's code */

/* fixed controls */
#define KA_FORM_FILTER "filter"
#define KA_FORM_CLIENTS "clients"
#define KA_FORM_STATUS "status"
#define KA_FORM_NEW "new"
#define KA_FORM_DELETE "delete"
#define KA_FORM_SAVE "save"
#define KA_FORM_MESSAGE "message" /* a refusal, under the field it concerns */

/* the options page (registration/OptionsPage.xdl) */
#define KA_OPTIONS_LABEL "l_language"
#define KA_OPTIONS_LIST "language"
#define KA_OPTIONS_NOTE "note"

/* event handler names (vnd.sun.star.UNO:<name>) */
#define KA_FORM_ON_FILTER "onFilter"
#define KA_FORM_ON_SELECT_CLIENT "onSelectClient"
#define KA_FORM_ON_NEW "onNew"
#define KA_FORM_ON_SAVE "onSave"
#define KA_FORM_ON_DELETE "onDelete"
/* record handlers: the prefix followed by the section key */
#define KA_FORM_ON_SELECT_RECORD "onSelectRecord_"
#define KA_FORM_ON_ADD_RECORD "onAddRecord_"
#define KA_FORM_ON_REMOVE_RECORD "onRemoveRecord_"
#define KA_FORM_ON_EDIT_RECORD "onEditRecord_" /* typing into a record's field */

#endif
