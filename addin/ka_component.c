/* ka_component.c - the shared library's entry points: the implementation
 * table and one generic factory (XSingleComponentFactory) for all of them.
 *
 * The library lives in the binary UNO environment ("uno"): LibreOffice's
 * loader calls component_getFactory there and bridges the returned
 * uno_Interface to C++ itself (see docs/architecture.md). */
#include "ka_addin.h"
#include "ka_commands.h"
#include "ka_options.h"
#include "ka_save_job.h"
#include "ka_sidebar.h"
#include "ka_uno.h"

#include <stdlib.h>
#include <string.h>

#define KA_EXPORT __attribute__((visibility("default")))

typedef uno_Interface *(*create_fn)(uno_Interface *context);

typedef struct factory {
    ka_uno_object base;
    create_fn create;
} factory;

static void create_instance(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                            void *args[], uno_Any **exc)
{
    char name[64];
    ka_uno_member_name(m, name, sizeof name);
    /* createInstanceWithContext(ctx) or createInstanceWithArgumentsAndContext(args, ctx) */
    uno_Interface *ctx = *(uno_Interface **)args[strcmp(name, "createInstanceWithContext") ? 1 : 0];
    uno_Interface *obj = ((factory *)self)->create(ctx);
    if (!obj) {
        ka_uno_throw(exc, KA_UNO_RUNTIME, "out of memory");
        return;
    }
    *(uno_Interface **)ret = obj; /* the new reference goes to the caller */
}

static const char *const factory_interfaces[] = {"com.sun.star.lang.XSingleComponentFactory",
                                                 "com.sun.star.lang.XServiceInfo", NULL};

static const ka_uno_method factory_methods[] = {
    {"createInstanceWithContext", create_instance},
    {"createInstanceWithArgumentsAndContext", create_instance},
    {NULL, NULL}};

/* The implementations: the factory of each answers XServiceInfo with the
 * implementation's name and services (from its class, by the kit). */
typedef struct implementation {
    ka_uno_class factory_class;
    create_fn create;
} implementation;

#define IMPLEMENTATION(impl_name, services, create)                                                \
    {                                                                                              \
        {impl_name, factory_interfaces, factory_methods, NULL, NULL, services}, create             \
    }

static const implementation implementations[] = {
    IMPLEMENTATION(KA_ADDIN_IMPL, ka_addin_services, ka_addin_new),
    IMPLEMENTATION(KA_PANEL_FACTORY_IMPL, ka_panel_factory_services, ka_panel_factory_new),
    IMPLEMENTATION(KA_OPTIONS_IMPL, ka_options_services, ka_options_new),
    IMPLEMENTATION(KA_COMMANDS_IMPL, ka_commands_services, ka_commands_new),
    IMPLEMENTATION(KA_SAVE_JOB_IMPL, ka_save_job_services, ka_save_job_new),
};

KA_EXPORT void component_getImplementationEnvironment(const char **env_type_name, void **env)
{
    *env_type_name = "uno";
    (void)env;
}

KA_EXPORT void *component_getFactory(const char *impl_name, void *service_manager,
                                     void *registry_key)
{
    ka_uno_trace("component_getFactory(%s)", impl_name);
    for (size_t i = 0; i < sizeof implementations / sizeof implementations[0]; i++) {
        const implementation *impl = &implementations[i];
        if (strcmp(impl->factory_class.impl_name, impl_name) != 0)
            continue;
        factory *f = calloc(1, sizeof *f);
        if (!f)
            return NULL;
        ka_uno_object_init(&f->base, &impl->factory_class);
        f->create = impl->create;
        return &f->base.iface;
    }
    return NULL;
}
