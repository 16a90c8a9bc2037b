package io.github.ralphresume.app.cli;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.net.URISyntaxException;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * {@code ralph-resume}: keeps a Ralph loop attached to the Codex session that resumes it.
 *
 * <p>The notify hook starts a JVM after every agent turn, so start-up is most of its cost. Building
 * picocli's model took more than half of a cold {@code reconcile}: about 175 classes that
 * class-data sharing cannot archive (picocli is compiled for Java 5), annotation proxies and
 * reflection. {@link FastPath} therefore runs {@code reconcile} and {@code hook} with plain
 * arguments without it, on the same command objects; everything else goes to picocli as before.
 */
public final class Main {
  private Main() {}

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    if (args.length == 1 && args[0].equals(CdsTraining.ARGUMENT)) {
      // The launcher records its class-data archive from this workload (bin/ralph-resume).
      System.exit(CdsTraining.run());
    }
    System.exit(run(CliContext.ofProcess(), args));
  }

  /** The exit status of one command line: the fast path when it applies, picocli otherwise. */
  static int run(CliContext context, String... args) {
    Optional<Integer> fast = FastPath.run(context, args);
    return fast.isPresent() ? fast.get() : RalphResumeCli.run(context, args);
  }

  /**
   * {@code reconcile} and {@code hook} without picocli's model. The command object is the one
   * {@link RalphResumeCli}'s factory creates, and its fields get the values picocli would give
   * them, read from the command's own {@code @Command}, {@code @Option} and {@code @Parameters}
   * annotations: picocli's annotations stay the only definition of the command line. They are read
   * from the class file ({@link AnnotatedClass}), because reflective annotation access costs a cold
   * JVM 15–30 ms (picocli's annotation types, their proxies, the old verifier).
   *
   * <p>Only the plain forms are taken: {@code --name value}, {@code --name=value}, flags, defaults
   * and the declared positional. Everything else is declined and picocli parses the command line
   * from scratch: help and version options, unknown, repeated or missing options, {@code @files},
   * {@code --}, values that look like options, {@code picocli.*} system properties, and any
   * annotation attribute beyond the few whose meaning is implemented here.
   */
  static final class FastPath {
    private static final String COMMAND = "Lpicocli/CommandLine$Command;";
    private static final String OPTION = "Lpicocli/CommandLine$Option;";
    private static final String PARAMETERS = "Lpicocli/CommandLine$Parameters;";
    private static final String STRING = "Ljava/lang/String;";
    private static final String BOOLEAN = "Z";

    /**
     * {@code @Command} attributes that do not change how plain arguments bind (the help and version
     * options that mixinStandardHelpOptions adds are declined as unknown options).
     */
    private static final Set<String> COMMAND_HELP_ONLY =
        Set.of(
            "name",
            "mixinStandardHelpOptions",
            "description",
            "descriptionHeading",
            "header",
            "headerHeading",
            "footer",
            "footerHeading",
            "synopsisHeading",
            "optionListHeading",
            "parameterListHeading",
            "exitCodeListHeading",
            "exitCodeList",
            "usageHelpWidth",
            "sortOptions",
            "showDefaultValues",
            "version",
            "versionProvider",
            "customSynopsis",
            "abbreviateSynopsis",
            "hidden");

    /** {@code @Option} attributes implemented here or without effect on parsing. */
    private static final Set<String> OPTION_PLAIN =
        Set.of(
            "names",
            "required",
            "defaultValue",
            "paramLabel",
            "description",
            "descriptionKey",
            "hidden",
            "order",
            "showDefaultValue",
            "hideParamSyntax");

    /** {@code @Parameters} attributes implemented here or without effect on parsing. */
    private static final Set<String> PARAMETERS_PLAIN =
        Set.of(
            "arity",
            "index",
            "defaultValue",
            "paramLabel",
            "description",
            "descriptionKey",
            "hidden",
            "showDefaultValue",
            "hideParamSyntax");

    private FastPath() {}

    /** The command's exit status, or empty when picocli must run the command line instead. */
    static Optional<Integer> run(CliContext context, String... args) {
      Callable<Integer> command = bound(context, args);
      if (command == null) return Optional.empty();
      try {
        return Optional.of(command.call());
      } catch (UsageException usage) {
        // Bad input is found before anything is touched: picocli's run reports it as always.
        return Optional.empty();
      } catch (Exception failure) {
        // RalphResumeCli's execution-exception policy for unexpected failures.
        context.err().println("ralph-resume: error: " + RalphResumeCli.oneLine(failure));
        if (Arrays.asList(args).contains("--verbose")) failure.printStackTrace(context.err());
        return Optional.of(RalphResumeCli.EXIT_FAILURE);
      }
    }

    /** The command with its fields set, or {@code null} to decline. */
    static Callable<Integer> bound(CliContext context, String... args) {
      if (args.length == 0 || picocliConfigured()) return null;
      Callable<Integer> command =
          switch (args[0]) {
            case "reconcile" -> new ReconcileCommand(context);
            case "hook" -> new HookCommand(context);
            default -> null;
          };
      if (command == null) return null;
      try {
        AnnotatedClass annotated = AnnotatedClass.of(command.getClass());
        return bind(annotated, command, args) ? command : null;
      } catch (IOException
          | URISyntaxException
          | ReflectiveOperationException
          | RuntimeException unexpected) {
        return null;
      }
    }

    /** picocli reads {@code picocli.*} system properties (at-files, quotes, tracing). */
    private static boolean picocliConfigured() {
      for (String name : System.getProperties().stringPropertyNames()) {
        if (name.startsWith("picocli.")) return true;
      }
      return false;
    }

    /** One option or positional as its annotation declares it. */
    private record Member(Field field, boolean flag, boolean required, String defaultValue) {}

    private static boolean bind(AnnotatedClass annotated, Object command, String[] args)
        throws ReflectiveOperationException {
      Class<?> type = command.getClass();
      if (type.getSuperclass() != Object.class || annotated.methodsUsePicocli()) return false;
      Map<String, Object> commandAnnotation =
          AnnotatedClass.only(annotated.classAnnotations(), COMMAND);
      if (commandAnnotation == null
          || !COMMAND_HELP_ONLY.containsAll(commandAnnotation.keySet())
          || !args[0].equals(commandAnnotation.get("name"))) {
        return false;
      }

      Map<String, Member> options = new HashMap<>();
      List<Member> members = new ArrayList<>();
      Member positional = null;
      for (AnnotatedClass.FieldInfo info : annotated.fields()) {
        if (!AnnotatedClass.usesPicocli(info.annotations().keySet())) continue;
        Map<String, Object> option = AnnotatedClass.only(info.annotations(), OPTION);
        Map<String, Object> parameters = AnnotatedClass.only(info.annotations(), PARAMETERS);
        if (option != null) {
          Member member = optionMember(type, info, option);
          if (member == null) return false;
          for (Object name : (List<?>) option.get("names")) {
            if (!(name instanceof String text) || !text.startsWith("--")) return false;
            if (options.put(text, member) != null) return false;
          }
          members.add(member);
        } else if (parameters != null) {
          if (positional != null) return false;
          positional = positionalMember(type, info, parameters);
          if (positional == null) return false;
        } else {
          return false;
        }
      }

      // By identity: a record's equals bootstraps ObjectMethods, 10 ms and more on a cold JVM.
      Set<Member> given = Collections.newSetFromMap(new IdentityHashMap<>());
      String positionalValue = null;
      for (int i = 1; i < args.length; i++) {
        String arg = args[i];
        if (arg.startsWith("@")) return false;
        if (!arg.startsWith("-")) {
          if (positional == null || positionalValue != null) return false;
          positionalValue = arg;
          continue;
        }
        int equals = arg.indexOf('=');
        Member member = options.get(equals < 0 ? arg : arg.substring(0, equals));
        if (member == null || !given.add(member)) return false;
        if (member.flag()) {
          if (equals >= 0) return false;
          member.field().setBoolean(command, true);
          continue;
        }
        String value;
        if (equals >= 0) {
          value = arg.substring(equals + 1);
        } else if (i + 1 < args.length) {
          value = args[++i];
        } else {
          return false;
        }
        if (value.startsWith("-") || value.startsWith("@")) return false;
        member.field().set(command, value);
      }

      for (Member member : members) {
        if (!given.contains(member) && !applyDefault(command, member)) return false;
      }
      if (positional != null) {
        if (positionalValue != null) {
          positional.field().set(command, positionalValue);
        } else if (!applyDefault(command, positional)) {
          return false;
        }
      }
      return true;
    }

    /** A single-valued {@code --long} String option or a flag, with nothing more. */
    private static Member optionMember(
        Class<?> type, AnnotatedClass.FieldInfo info, Map<String, Object> option)
        throws NoSuchFieldException {
      if (!OPTION_PLAIN.containsAll(option.keySet())) return null;
      if (!(option.get("names") instanceof List<?>)) return null;
      boolean flag = info.descriptor().equals(BOOLEAN);
      if (!flag && !info.descriptor().equals(STRING)) return null;
      String defaultValue = (String) option.get("defaultValue");
      if (!plainDefault(defaultValue, flag)) return null;
      return new Member(
          type.getDeclaredField(info.name()),
          flag,
          Boolean.TRUE.equals(option.get("required")),
          defaultValue);
    }

    /** The one String positional at index 0, optional ({@code 0..1}) or required ({@code 1}). */
    private static Member positionalMember(
        Class<?> type, AnnotatedClass.FieldInfo info, Map<String, Object> parameters)
        throws NoSuchFieldException {
      if (!PARAMETERS_PLAIN.containsAll(parameters.keySet())) return null;
      if (!info.descriptor().equals(STRING)) return null;
      Object index = parameters.getOrDefault("index", "0");
      Object arity = parameters.getOrDefault("arity", "1");
      if (!"0".equals(index) || !("0..1".equals(arity) || "1".equals(arity))) return null;
      String defaultValue = (String) parameters.get("defaultValue");
      if (!plainDefault(defaultValue, false)) return null;
      return new Member(type.getDeclaredField(info.name()), false, "1".equals(arity), defaultValue);
    }

    /** No interpolation ({@code ${...}}); a flag's default must spell a boolean. */
    private static boolean plainDefault(String defaultValue, boolean flag) {
      if (defaultValue == null) return true;
      if (defaultValue.contains("${")) return false;
      return !flag || defaultValue.equals("true") || defaultValue.equals("false");
    }

    /** What picocli does for a member that was not given; false when it would be an error. */
    private static boolean applyDefault(Object command, Member member)
        throws IllegalAccessException {
      if (member.required()) return false;
      if (member.defaultValue() == null) return true; // the field keeps its initial value
      if (member.flag()) {
        member.field().setBoolean(command, Boolean.parseBoolean(member.defaultValue()));
      } else {
        member.field().set(command, member.defaultValue());
      }
      return true;
    }
  }

  /**
   * The runtime-visible annotations of a class, its fields and its methods, read from its class
   * file (JVMS §4.7.16) without loading the annotation types. Attribute values are {@code String},
   * {@code Boolean}, boxed numbers, {@code List} for arrays, {@link EnumValue}, {@link ClassValue}
   * or a nested annotation's {@code Map}; attributes left at their default are absent.
   */
  record AnnotatedClass(
      Map<String, List<Map<String, Object>>> classAnnotations,
      List<FieldInfo> fields,
      boolean methodsUsePicocli) {

    /** A field's name, type descriptor and annotations by type descriptor. */
    record FieldInfo(
        String name, String descriptor, Map<String, List<Map<String, Object>>> annotations) {}

    /** An enum constant as an annotation attribute. */
    record EnumValue(String typeDescriptor, String constant) {}

    /** A class literal as an annotation attribute. */
    record ClassValue(String descriptor) {}

    private static final String ANNOTATIONS = "RuntimeVisibleAnnotations";

    /**
     * The attributes of the single annotation of type {@code descriptor}; {@code null} when it is
     * absent, repeated, or when another picocli annotation sits next to it.
     */
    static Map<String, Object> only(
        Map<String, List<Map<String, Object>>> annotations, String descriptor) {
      List<Map<String, Object>> found = annotations.get(descriptor);
      if (found == null || found.size() != 1) return null;
      for (String type : annotations.keySet()) {
        if (!type.equals(descriptor) && type.startsWith("Lpicocli/")) return null;
      }
      return found.get(0);
    }

    static boolean usesPicocli(Set<String> annotationTypes) {
      for (String type : annotationTypes) {
        if (type.startsWith("Lpicocli/")) return true;
      }
      return false;
    }

    static AnnotatedClass of(Class<?> type) throws IOException, URISyntaxException {
      return parse(classFile(type));
    }

    /**
     * The class file's bytes. From a jar they are read with {@link ZipFile}, which shares the class
     * loader's open jar: {@link Class#getResourceAsStream} would first search the JDK's modules and
     * go through URL connections, a few milliseconds more on a cold JVM.
     */
    private static byte[] classFile(Class<?> type) throws IOException, URISyntaxException {
      String entry = type.getName().replace('.', '/').concat(".class");
      CodeSource source = type.getProtectionDomain().getCodeSource();
      // In a runtime image the location is jrt:/<module>, not a file: the class loader reads it.
      URL url = source == null ? null : source.getLocation();
      File location =
          url == null || !url.getProtocol().equals("file") ? null : new File(url.toURI());
      if (location != null && location.isFile()) {
        try (ZipFile jar = new ZipFile(location)) {
          ZipEntry found = jar.getEntry(entry);
          if (found == null) throw new IOException("no class file for ".concat(type.getName()));
          try (InputStream in = jar.getInputStream(found)) {
            return in.readAllBytes();
          }
        }
      }
      try (InputStream in = type.getClassLoader().getResourceAsStream(entry)) {
        if (in == null) throw new IOException("no class file for ".concat(type.getName()));
        return in.readAllBytes();
      }
    }

    static AnnotatedClass parse(byte[] bytes) throws IOException {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
      if (in.readInt() != 0xCAFEBABE) throw new IOException("not a class file");
      skip(in, 4); // minor and major version
      Object[] pool = constantPool(in);
      skip(in, 6); // access flags, this class, super class
      skip(in, 2 * in.readUnsignedShort()); // interfaces
      List<FieldInfo> fields = new ArrayList<>();
      for (int count = in.readUnsignedShort(); count > 0; count--) {
        skip(in, 2);
        String fieldName = (String) pool[in.readUnsignedShort()];
        String descriptor = (String) pool[in.readUnsignedShort()];
        fields.add(new FieldInfo(fieldName, descriptor, annotations(in, pool)));
      }
      boolean methodsUsePicocli = false;
      for (int count = in.readUnsignedShort(); count > 0; count--) {
        skip(in, 6);
        methodsUsePicocli |= usesPicocli(annotations(in, pool).keySet());
      }
      return new AnnotatedClass(annotations(in, pool), List.copyOf(fields), methodsUsePicocli);
    }

    /** The constant pool: UTF-8 entries as strings, numbers boxed, everything else skipped. */
    private static Object[] constantPool(DataInputStream in) throws IOException {
      Object[] pool = new Object[in.readUnsignedShort()];
      for (int i = 1; i < pool.length; i++) {
        int tag = in.readUnsignedByte();
        switch (tag) {
          case 1 -> pool[i] = in.readUTF();
          case 3 -> pool[i] = in.readInt();
          case 4 -> pool[i] = in.readFloat();
          case 5 -> pool[i++] = in.readLong(); // 8-byte constants take two entries
          case 6 -> pool[i++] = in.readDouble();
          case 7, 8, 16, 19, 20 -> skip(in, 2);
          case 15 -> skip(in, 3);
          case 9, 10, 11, 12, 17, 18 -> skip(in, 4);
          default -> throw new IOException("unknown constant pool tag " + tag);
        }
      }
      return pool;
    }

    /** An attribute table, keeping the runtime-visible annotations by type descriptor. */
    private static Map<String, List<Map<String, Object>>> annotations(
        DataInputStream in, Object[] pool) throws IOException {
      Map<String, List<Map<String, Object>>> found = new HashMap<>();
      for (int count = in.readUnsignedShort(); count > 0; count--) {
        String attribute = (String) pool[in.readUnsignedShort()];
        int length = in.readInt();
        if (!ANNOTATIONS.equals(attribute)) {
          skip(in, length);
          continue;
        }
        for (int annotations = in.readUnsignedShort(); annotations > 0; annotations--) {
          String type = (String) pool[in.readUnsignedShort()];
          List<Map<String, Object>> ofType = found.get(type);
          if (ofType == null) found.put(type, ofType = new ArrayList<>());
          ofType.add(attributes(in, pool));
        }
      }
      return found;
    }

    private static Map<String, Object> attributes(DataInputStream in, Object[] pool)
        throws IOException {
      Map<String, Object> values = new HashMap<>();
      for (int pairs = in.readUnsignedShort(); pairs > 0; pairs--) {
        String name = (String) pool[in.readUnsignedShort()];
        values.put(name, value(in, pool));
      }
      return values;
    }

    private static Object value(DataInputStream in, Object[] pool) throws IOException {
      int tag = in.readUnsignedByte();
      return switch (tag) {
        case 'Z' -> ((Integer) pool[in.readUnsignedShort()]) != 0;
        case 'B', 'C', 'D', 'F', 'I', 'J', 'S', 's' -> pool[in.readUnsignedShort()];
        case 'e' ->
            new EnumValue(
                (String) pool[in.readUnsignedShort()], (String) pool[in.readUnsignedShort()]);
        case 'c' -> new ClassValue((String) pool[in.readUnsignedShort()]);
        case '@' -> {
          skip(in, 2); // the nested annotation's type
          yield attributes(in, pool);
        }
        case '[' -> {
          List<Object> elements = new ArrayList<>();
          for (int count = in.readUnsignedShort(); count > 0; count--) {
            elements.add(value(in, pool));
          }
          yield elements;
        }
        default -> throw new IOException("unknown annotation value tag " + (char) tag);
      };
    }

    private static void skip(DataInputStream in, int bytes) throws IOException {
      if (in.skipBytes(bytes) != bytes) throw new IOException("truncated class file");
    }
  }
}
