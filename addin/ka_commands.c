/* ka_commands.c - the protocol handler of the toolkit's commands and their
 * table (see ka_commands.h).
 *
 * One object is the handler, XDispatchProvider, and the dispatch of every
 * command it knows: LibreOffice makes one per frame and gives it the frame
 * through XInitialization.  Its state (context, frame) is set before the
 * first dispatch and never changes after: no lock. */
#include "ka_commands.h"

#include "ka_i18n.h"
#include "ka_language.h"
#include "ka_review_dialog.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The commands; a review's dialog comes from ka_review_dialog.c (run()
 * looks it up by name).  ChurnReview (issue 11) comes later. */
static const ka_command commands[] = {
    {"ShareCopy", KA_MSG_SHARE_TITLE, ka_command_share_copy},
    {"SalesReview", KA_MSG_SALES_TITLE, ka_command_sales_review},
    {"ChurnReview", KA_MSG_CHURN_TITLE, ka_command_churn_review},
};

const char *const ka_commands_services[] = {"com.sun.star.frame.ProtocolHandler", NULL};

#define T_URL "com.sun.star.util.URL"
#define X_DISPATCH "com.sun.star.frame.XDispatch"

typedef struct handler {
    ka_uno_object base;
    uno_Interface *ctx;   /* owned */
    uno_Interface *frame; /* owned, NULL until initialize */
} handler;

/* The command a URL struct (borrowed, binary-UNO layout) names, or NULL:
 * the protocol, then a name of the table, then nothing or '?' ... */
static const ka_command *command_of(void *url)
{
    rtl_uString **complete = ka_uno_field(T_URL, url, "Complete");
    if (!complete || !*complete)
        return NULL;
    char *text = ka_uno_string_utf8(*complete, NULL);
    const ka_command *found = NULL;
    size_t plen = strlen(KA_COMMANDS_PROTOCOL);
    if (text && strncmp(text, KA_COMMANDS_PROTOCOL, plen) == 0) {
        const char *name = text + plen;
        size_t n = strcspn(name, "?#");
        for (size_t i = 0; i < sizeof commands / sizeof *commands && !found; i++)
            if (strlen(commands[i].name) == n && strncmp(commands[i].name, name, n) == 0)
                found = &commands[i];
    }
    free(text);
    return found;
}

void ka_command_message(char **out, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    int n = vsnprintf(NULL, 0, format, ap);
    va_end(ap);
    *out = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (*out) {
        va_start(ap, format);
        vsnprintf(*out, (size_t)n + 1, format, ap);
        va_end(ap);
    }
}

ka_status ka_command_arg_string(const ka_command_env *env, const char *name, char **out)
{
    *out = NULL;
    const uno_Any *v = ka_uno_property_find(env->args, name);
    rtl_uString *s = v ? ka_uno_any_get_string(v) : NULL;
    if (!s)
        return KA_OK;
    *out = ka_uno_string_utf8(s, NULL);
    return *out ? KA_OK : KA_ERR_NOMEM;
}

/* The frame's document (new reference) or NULL. */
static uno_Interface *frame_model(uno_Interface *frame)
{
    uno_Interface *controller = NULL, *model = NULL;
    if (frame &&
        ka_uno_call(frame, "com.sun.star.frame.XFrame", "getController", &controller, NULL, NULL) &&
        controller)
        if (!ka_uno_call(controller, "com.sun.star.frame.XController", "getModel", &model, NULL,
                         NULL))
            model = NULL;
    ka_uno_release(controller);
    return model;
}

/* Runs cmd with the dispatch's arguments (borrowed); *message as for
 * ka_command_fn.  A command with a dialog (ka_review_dialog.h) runs
 * through it; *result (may be NULL) then gets its Prefill answer: a new
 * sequence<PropertyValue> or NULL. */
static ka_status run(handler *h, const ka_command *cmd, uno_Sequence *args, char **message,
                     uno_Sequence **result)
{
    ka_command_env env = {
        h->ctx,    h->frame, frame_model(h->frame), args, ka_language_current(h->ctx, NULL),
        cmd->title};
    ka_uno_trace("command %s: start (%d arguments)", cmd->name, args ? (int)args->nElements : 0);
    const ka_review_dialog *dialog = ka_review_dialog_of(cmd->name);
    uno_Sequence *prefill = NULL;
    ka_status st = dialog ? ka_review_dialog_run(&env, dialog, cmd->run, message, &prefill)
                          : cmd->run(&env, message);
    ka_uno_trace("command %s: status %d: %s", cmd->name, (int)st, *message ? *message : "?");
    ka_uno_release(env.model);
    if (result)
        *result = prefill;
    else
        ka_uno_sequence_release(prefill, ka_uno_property_values_type());
    return st;
}

/* ---- XInitialization ---- */

static void initialize(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                       void *args[], uno_Any **exc)
{
    handler *h = (handler *)self;
    uno_Sequence *a = *(uno_Sequence **)args[0];
    for (sal_Int32 i = 0; a && i < a->nElements && !h->frame; i++) {
        uno_Any *v = &KA_UNO_SEQ_AT(a, uno_Any, i);
        if (v->pType->eTypeClass == typelib_TypeClass_INTERFACE)
            h->frame = ka_uno_query(*(uno_Interface **)v->pData, "com.sun.star.frame.XFrame");
    }
}

/* ---- XDispatchProvider ---- */

static void query_dispatch(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                           void *args[], uno_Any **exc)
{
    ka_uno_return_interface(ret, command_of(args[0]) ? &self->iface : NULL);
}

static void query_dispatches(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                             void *args[], uno_Any **exc)
{
    uno_Sequence *descriptors = *(uno_Sequence **)args[0];
    typelib_TypeDescriptionReference *t =
        ka_uno_type(typelib_TypeClass_SEQUENCE, "[]com.sun.star.frame.XDispatch");
    typelib_TypeDescription *dd = NULL;
    rtl_uString *ddname = ka_uno_string_new("com.sun.star.frame.DispatchDescriptor", (size_t)-1);
    typelib_typedescription_getByName(&dd, ddname);
    rtl_uString_release(ddname);
    sal_Int32 n = descriptors && dd ? descriptors->nElements : 0;
    uno_Sequence *out = NULL;
    if (!uno_type_sequence_construct(&out, t, NULL, n, NULL))
        n = 0, uno_type_sequence_construct(&out, t, NULL, 0, NULL);
    for (sal_Int32 i = 0; i < n; i++) {
        void *d = (char *)descriptors->elements + (size_t)i * (size_t)dd->nSize;
        void *url = ka_uno_field("com.sun.star.frame.DispatchDescriptor", d, "FeatureURL");
        if (url && command_of(url))
            ka_uno_return_interface(&KA_UNO_SEQ_AT(out, uno_Interface *, i), &self->iface);
    }
    if (dd)
        typelib_typedescription_release(dd);
    typelib_typedescriptionreference_release(t);
    *(uno_Sequence **)ret = out;
}

/* ---- XDispatch, XNotifyingDispatch ---- */

static void dispatch(ka_uno_object *self, const typelib_TypeDescription *m, void *ret, void *args[],
                     uno_Any **exc)
{
    const ka_command *cmd = command_of(args[0]);
    char *message = NULL;
    if (cmd)
        run((handler *)self, cmd, *(uno_Sequence **)args[1], &message, NULL);
    free(message);
}

/* Tells listener (borrowed) how the command ended: a
 * com.sun.star.frame.DispatchResultEvent with State SUCCESS or FAILURE and
 * as Result the message, or the sequence<PropertyValue> values (borrowed)
 * when not NULL. */
static void notify_result(ka_uno_object *self, uno_Interface *listener, ka_status st,
                          const char *message, uno_Sequence *values)
{
    static const char *const type = "com.sun.star.frame.DispatchResultEvent";
    void *ev = NULL;
    if (ka_uno_struct_new(type, &ev) != KA_OK) {
        ka_uno_trace("command: no memory for the result event");
        return;
    }
    uno_Interface **source = ka_uno_field(type, ev, "Source");
    sal_Int16 *state = ka_uno_field(type, ev, "State");
    uno_Any *result = ka_uno_field(type, ev, "Result");
    if (source) {
        ka_uno_acquire(&self->iface);
        *source = &self->iface;
    }
    if (state)
        *state = st == KA_OK ? 1 : 0; /* DispatchResultState SUCCESS, FAILURE */
    if (result && values) {
        uno_any_destruct(result, NULL);
        uno_type_any_construct(result, &values, ka_uno_property_values_type(), NULL);
    } else if (result && message) {
        uno_any_destruct(result, NULL);
        ka_uno_any_utf8(result, message);
    }
    void *cargs[1] = {ev};
    ka_uno_call(listener, "com.sun.star.frame.XDispatchResultListener", "dispatchFinished", NULL,
                cargs, NULL);
    ka_uno_struct_free(type, ev);
}

static void dispatch_with_notification(ka_uno_object *self, const typelib_TypeDescription *m,
                                       void *ret, void *args[], uno_Any **exc)
{
    const ka_command *cmd = command_of(args[0]);
    uno_Interface *listener = *(uno_Interface **)args[2];
    char *message = NULL;
    uno_Sequence *values = NULL;
    ka_status st = KA_ERR_ARG;
    if (cmd) {
        st = run((handler *)self, cmd, *(uno_Sequence **)args[1], &message, &values);
    } else { /* a caller that skipped queryDispatch */
        rtl_uString **complete = ka_uno_field(T_URL, args[0], "Complete");
        char *url = complete && *complete ? ka_uno_string_utf8(*complete, NULL) : NULL;
        ka_command_message(
            &message, ka_msg(ka_language_current(((handler *)self)->ctx, NULL), KA_MSG_CMD_UNKNOWN),
            url ? url : "?");
        free(url);
    }
    /* A DispatchHelper waits for this call: it is made whatever happened. */
    if (listener)
        notify_result(self, listener, st, message ? message : "out of memory", values);
    ka_uno_sequence_release(values, ka_uno_property_values_type());
    free(message);
}

/* Copies the string members of a util::URL (Port stays 0). */
static void copy_url(void *dst, void *src)
{
    static const char *const parts[] = {"Complete",  "Main",   "Protocol", "User",
                                        "Password",  "Server", "Path",     "Name",
                                        "Arguments", "Mark",   NULL};
    for (const char *const *p = parts; *p; p++) {
        rtl_uString **d = ka_uno_field(T_URL, dst, *p), **s = ka_uno_field(T_URL, src, *p);
        if (d && s && *s)
            rtl_uString_assign(d, *s);
    }
}

/* addStatusListener(listener, url): the command's state, once.  Enabled
 * while the frame shows a spreadsheet; it does not change during a
 * frame's life, so no listener is kept. */
static void add_status_listener(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                                void *args[], uno_Any **exc)
{
    static const char *const type = "com.sun.star.frame.FeatureStateEvent";
    uno_Interface *listener = *(uno_Interface **)args[0];
    void *ev = NULL;
    if (!listener || !command_of(args[1]) || ka_uno_struct_new(type, &ev) != KA_OK)
        return;
    uno_Interface **source = ka_uno_field(type, ev, "Source");
    void *url = ka_uno_field(type, ev, "FeatureURL");
    sal_Bool *enabled = ka_uno_field(type, ev, "IsEnabled");
    if (source) {
        ka_uno_acquire(&self->iface);
        *source = &self->iface;
    }
    if (url)
        copy_url(url, args[1]);
    uno_Interface *model = frame_model(((handler *)self)->frame);
    uno_Interface *sheets =
        model ? ka_uno_query(model, "com.sun.star.sheet.XSpreadsheetDocument") : NULL;
    if (enabled)
        *enabled = sheets != NULL;
    ka_uno_release(sheets);
    ka_uno_release(model);
    void *cargs[1] = {ev};
    ka_uno_call(listener, "com.sun.star.frame.XStatusListener", "statusChanged", NULL, cargs, NULL);
    ka_uno_struct_free(type, ev);
}

static void remove_status_listener(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                                   void *args[], uno_Any **exc)
{
}

static void handler_destroy(ka_uno_object *self)
{
    handler *h = (handler *)self;
    ka_uno_release(h->frame);
    ka_uno_release(h->ctx);
}

static const char *const handler_interfaces[] = {
    "com.sun.star.frame.XDispatchProvider",  X_DISPATCH,
    "com.sun.star.frame.XNotifyingDispatch", "com.sun.star.lang.XInitialization",
    "com.sun.star.lang.XServiceInfo",        NULL};
static const ka_uno_method handler_methods[] = {
    {"initialize", initialize},
    {"queryDispatch", query_dispatch},
    {"queryDispatches", query_dispatches},
    {"dispatch", dispatch},
    {"dispatchWithNotification", dispatch_with_notification},
    {"addStatusListener", add_status_listener},
    {"removeStatusListener", remove_status_listener},
    {NULL, NULL}};
static const ka_uno_class handler_class = {KA_COMMANDS_IMPL, handler_interfaces,
                                           handler_methods,  NULL,
                                           handler_destroy,  ka_commands_services};

uno_Interface *ka_commands_new(uno_Interface *context)
{
    handler *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    ka_uno_object_init(&h->base, &handler_class);
    h->ctx = context;
    ka_uno_acquire(context);
    return &h->base.iface;
}
