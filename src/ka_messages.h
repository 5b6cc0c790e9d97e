/* ka_messages.h - every text a user sees that is not in the function table
 * (ka_functions.c) or the dossier field table (ka_dossier_fields.c): the
 * panel's buttons, labels, tooltips, list flags and status messages, the
 * extension's name and description, the sidebar's titles, the options
 * page, the dossier's reasons for refusing a value or a document, and the "Key accounts" menu
 * with its commands' dialogs and results.  One row per text: its place
 * (the msgctxt of po/keyaccount.pot, which tools/ka_gen writes from this table) and its English
 * text, a printf format where it holds a '%'.  The panel shows a text through ka_msg (ka_i18n.h) in
 * the user's language.  Pure C, static storage. */
#ifndef KA_MESSAGES_H
#define KA_MESSAGES_H

#include <stddef.h>

/* The texts, by id; the order is that of the .pot. */
typedef enum ka_msg_id {
    /* the extension and the sidebar (description.xml, Sidebar.xcu) */
    KA_MSG_EXT_NAME,
    KA_MSG_EXT_DESCRIPTION,
    KA_MSG_DECK_TITLE,
    KA_MSG_PANEL_TITLE,
    /* the options page */
    KA_MSG_OPTIONS_TITLE,
    KA_MSG_OPTIONS_LANGUAGE,
    KA_MSG_OPTIONS_FOLLOW,
    KA_MSG_OPTIONS_NOTE,
    /* the panel's fixed controls (DossierPanel.xdl) */
    KA_MSG_FILTER_LABEL,
    KA_MSG_FILTER_HELP,
    KA_MSG_CLIENTS_HELP,
    KA_MSG_NEW_LABEL,
    KA_MSG_DELETE_LABEL,
    KA_MSG_SAVE_LABEL,
    KA_MSG_ADD_LABEL,
    KA_MSG_REMOVE_LABEL,
    KA_MSG_ONE_OR_MORE,
    /* the client list's flags */
    KA_MSG_FLAG_DAMAGED,
    KA_MSG_FLAG_REVIEW,
    KA_MSG_FLAG_CHECK,
    KA_MSG_FLAG_NO_CHECK,
    /* the status line */
    KA_MSG_READY,
    KA_MSG_READY_NOMEM,
    KA_MSG_NOMEM_UNCHANGED,
    KA_MSG_LIST_NOMEM,
    KA_MSG_CURSOR_NOMEM,
    KA_MSG_PROPS_UNREADABLE,
    KA_MSG_PROFILE_SHOWN,
    KA_MSG_PROFILE_DAMAGED,
    KA_MSG_NOT_READABLE,
    KA_MSG_PROFILE_NOMEM,
    KA_MSG_NEW_NOMEM,
    KA_MSG_NEW_WITH_ID,
    KA_MSG_NEW_WITHOUT_ID,
    KA_MSG_NOTHING_TO_SAVE,
    KA_MSG_NOT_SAVED,
    KA_MSG_SAVED,
    KA_MSG_REASON_NOMEM,
    KA_MSG_REASON_INVALID_PROFILE,
    KA_MSG_REASON_REFUSED,
    KA_MSG_REASON_INVALID,
    KA_MSG_DELETE_FIRST,
    KA_MSG_DELETE_CONFIRM,
    KA_MSG_DELETED,
    KA_MSG_NOT_DELETED,
    KA_MSG_RECORD_NOMEM,
    KA_MSG_RECORD_PLACEHOLDER,
    KA_MSG_FIELD_UNREADABLE,
    KA_MSG_FIELD_UNREADABLE_NOMEM,
    /* the dossier's reasons (src/ka_dossier*.c), inside "Not saved: %s" and
     * "The profile of %s is damaged: %s" */
    KA_MSG_REASON_FIELD,
    KA_MSG_REASON_RECORD,
    KA_MSG_REASON_REQUIRED,
    KA_MSG_REASON_NEEDS,
    KA_MSG_REASON_COMPUTED,
    KA_MSG_REASON_UNKNOWN_FIELD,
    KA_MSG_REASON_NO_RECORD_FIELD,
    KA_MSG_REASON_UTF8,
    KA_MSG_REASON_CHARACTER,
    KA_MSG_REASON_INTEGER,
    KA_MSG_REASON_AMOUNT,
    KA_MSG_REASON_CURRENCY,
    KA_MSG_REASON_DATE,
    KA_MSG_REASON_CHOICE,
    KA_MSG_REASON_ITEMS,
    KA_MSG_REASON_EMPTY_ITEM,
    KA_MSG_REASON_TWICE,
    KA_MSG_REASON_TOO_MANY,
    KA_MSG_REASON_NO_DOCUMENT,
    KA_MSG_REASON_TOO_LARGE,
    KA_MSG_REASON_DOCUMENT_UTF8,
    KA_MSG_REASON_DOCUMENT_NUL,
    KA_MSG_REASON_DTD,
    KA_MSG_REASON_ATTRIBUTES,
    KA_MSG_REASON_ELEMENTS,
    KA_MSG_REASON_DEPTH,
    KA_MSG_REASON_XML,
    KA_MSG_REASON_XML_PLAIN,
    KA_MSG_REASON_NO_ROOT,
    KA_MSG_REASON_NO_NAMESPACE,
    KA_MSG_REASON_NAMESPACE,
    KA_MSG_REASON_ROOT,
    KA_MSG_REASON_NO_VERSION,
    KA_MSG_REASON_VERSION,
    KA_MSG_REASON_ELEMENT,
    KA_MSG_REASON_ELEMENT_TREE,
    KA_MSG_REASON_ATTRIBUTE,
    KA_MSG_REASON_SCHEMA,
    KA_MSG_REASON_SCHEMA_PLAIN,
    KA_MSG_REASON_SCHEMA_BROKEN,
    KA_MSG_REASON_UNKNOWN_ERROR,
    /* the "Key accounts" menu and its commands (Addons.xcu, addin/ka_commands.c) */
    KA_MSG_MENU_TITLE,
    KA_MSG_SHARE_LABEL,
    KA_MSG_SHARE_TITLE,
    KA_MSG_SHARE_FILTER_ODS,
    KA_MSG_SHARE_FILTER_XLSX,
    KA_MSG_CMD_NOT_SPREADSHEET,
    KA_MSG_CMD_NOMEM,
    KA_MSG_CMD_CANCELLED,
    KA_MSG_CMD_UNKNOWN,
    KA_MSG_SHARE_NO_URL,
    KA_MSG_SHARE_BAD_FORMAT,
    KA_MSG_SHARE_SAME_FILE,
    KA_MSG_SHARE_NOT_MADE,
    KA_MSG_SHARE_NOT_SAVED,
    KA_MSG_SHARE_DONE,
    KA_MSG_SHARE_REASON_TEMP,
    KA_MSG_SHARE_REASON_CELL,
    KA_MSG_SHARE_REASON_PICKER,
    /* issue 11, the review dialogs and the "Review" panel (addin/ka_review_dialog.c,
       ka_review_panel.c) */
    KA_MSG_REVIEW_PANEL_TITLE,
    KA_MSG_REVIEW_PANEL_SALES,
    KA_MSG_REVIEW_PANEL_SALES_HELP,
    KA_MSG_REVIEW_PANEL_CHURN,
    KA_MSG_REVIEW_PANEL_CHURN_HELP,
    KA_MSG_REVIEW_PANEL_SHARE_HELP,
    KA_MSG_DIALOG_CLIENTS,
    KA_MSG_DIALOG_SALES,
    KA_MSG_DIALOG_PERIODS,
    KA_MSG_DIALOG_GROUPS,
    KA_MSG_DIALOG_ORDERS,
    KA_MSG_DIALOG_DATES,
    KA_MSG_DIALOG_AMOUNTS,
    KA_MSG_DIALOG_UNIT,
    KA_MSG_DIALOG_UNIT_DAYS,
    KA_MSG_DIALOG_UNIT_WEEKS,
    KA_MSG_DIALOG_UNIT_MONTHS,
    KA_MSG_DIALOG_HORIZON,
    KA_MSG_DIALOG_LAPSE_DAYS,
    KA_MSG_DIALOG_HINT,
    KA_MSG_DIALOG_NEW_SHEET,
    KA_MSG_DIALOG_REPLACES,
    KA_MSG_DIALOG_OK,
    KA_MSG_DIALOG_CANCEL,
    KA_MSG_DIALOG_NO_SELECTION,
    KA_MSG_DIALOG_NO_NUMBERS,
    KA_MSG_DIALOG_NO_DATES,
    KA_MSG_DIALOG_NO_WINDOW,
    KA_MSG_DIALOG_BAD_NUMBER,
    KA_MSG_DIALOG_PREFILLED,
    KA_MSG_COUNT
} ka_msg_id;

typedef struct ka_message {
    const char *context; /* the msgctxt, e.g. "msg|profile_damaged": the text's place */
    const char *text;    /* English; a printf format when it holds a '%' */
} ka_message;

/* The table, indexed by ka_msg_id, KA_MSG_COUNT rows.  Static storage. */
extern const ka_message ka_messages[KA_MSG_COUNT];

#endif
