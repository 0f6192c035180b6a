using System.Linq.Expressions;
using System.Reflection;
using NpgsqlTypes;

namespace IkmRegistry.Web.Import;

/// <summary>
/// A unit field as the import stages it: the value the form's rules wrote into a unit, kept in the import_row column
/// of the same name until the commit copies it into industrial_unit. Built from <see cref="UnitFields.Form"/>, so a
/// new field needs only its ImportRow property (and the migration adding both columns).
/// </summary>
public sealed class StagedField
{
    public static readonly StagedField[] All = [.. UnitFields.Form.Select(f => new StagedField(f))];

    private readonly Func<IndustrialUnit, object?> _read;
    private readonly Action<ImportRow, object?> _stage;
    private readonly Func<ImportRow, object?> _copied;

    private StagedField(UnitField field)
    {
        Field = field;
        var unitProperty = typeof(IndustrialUnit).GetProperty(field.Name)
            ?? throw new InvalidOperationException($"The form field {field.Name} is not a property of the unit.");
        var rowProperty = typeof(ImportRow).GetProperty(field.Name)
            ?? throw new InvalidOperationException($"ImportRow has no property {field.Name}: the import cannot stage that field.");
        var type = Nullable.GetUnderlyingType(unitProperty.PropertyType) ?? unitProperty.PropertyType;
        // KBLI editions are stored as their year; other enums by name (the DbContext's conversions).
        (Type, _copied) = type switch
        {
            _ when type == typeof(string) => (NpgsqlDbType.Text, Getter<ImportRow>(rowProperty)),
            _ when type == typeof(int) => (NpgsqlDbType.Integer, Getter<ImportRow>(rowProperty)),
            _ when type == typeof(decimal) => (NpgsqlDbType.Numeric, Getter<ImportRow>(rowProperty)),
            _ when type == typeof(double) => (NpgsqlDbType.Double, Getter<ImportRow>(rowProperty)),
            _ when type == typeof(DateTime) => (NpgsqlDbType.TimestampTz, Getter<ImportRow>(rowProperty)),
            _ when type == typeof(DateOnly) => (NpgsqlDbType.Date, Getter<ImportRow>(rowProperty)),
            _ when type == typeof(bool) => (NpgsqlDbType.Boolean, Getter<ImportRow>(rowProperty)),
            _ when type == typeof(KbliEdition) => (NpgsqlDbType.Integer, Convert(Getter<ImportRow>(rowProperty), v => (object)(int)(KbliEdition)v)),
            _ when type.IsEnum => (NpgsqlDbType.Varchar, Convert(Getter<ImportRow>(rowProperty), v => v.ToString()!)),
            _ => throw new InvalidOperationException($"No staging type for {type.Name}."),
        };
        _read = Getter<IndustrialUnit>(unitProperty);
        _stage = Setter(rowProperty);
    }

    public UnitField Field { get; }

    public string Column => Field.Column;

    public NpgsqlDbType Type { get; }

    /// <summary>The unit's value of this field.</summary>
    public object? Read(IndustrialUnit unit) => _read(unit);

    public void Stage(ImportRow row, object? value) => _stage(row, value);

    /// <summary>The staged value as COPY writes it.</summary>
    public object? Copied(ImportRow row) => _copied(row);

    private static Func<TOwner, object?> Getter<TOwner>(PropertyInfo property)
    {
        var owner = Expression.Parameter(typeof(TOwner));
        return Expression.Lambda<Func<TOwner, object?>>(Expression.Convert(Expression.Property(owner, property), typeof(object)), owner).Compile();
    }

    private static Action<ImportRow, object?> Setter(PropertyInfo property)
    {
        var row = Expression.Parameter(typeof(ImportRow));
        var value = Expression.Parameter(typeof(object));
        return Expression.Lambda<Action<ImportRow, object?>>(
            Expression.Assign(Expression.Property(row, property), Expression.Convert(value, property.PropertyType)), row, value).Compile();
    }

    private static Func<ImportRow, object?> Convert(Func<ImportRow, object?> get, Func<object, object> convert) =>
        row => get(row) is { } value ? convert(value) : null;
}
