using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace IkmRegistry.Web.Infrastructure;

/// <summary>There is no self-registration: on the first start the app creates one admin account.</summary>
public static class FirstAdmin
{
    public static async Task EnsureAsync(IServiceProvider services, IConfiguration configuration)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0)
        {
            return;
        }

        var email = configuration["IKM_ADMIN_EMAIL"] ?? "admin@dpkukmp.palangkaraya.go.id";
        var password = configuration["IKM_ADMIN_PASSWORD"];
        var generated = string.IsNullOrEmpty(password);
        if (generated)
        {
            password = RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);
        }

        var admin = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Administrator" };
        var result = await users.CreateAsync(admin, password!);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Akun admin pertama tidak dapat dibuat: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(admin, Roles.Admin);
        // Printed once to the console on purpose, never to the log file.
        Console.WriteLine($"Akun admin pertama dibuat: {email}");
        if (generated)
        {
            Console.WriteLine($"Kata sandi sementara (hanya ditampilkan sekali): {password}");
        }
    }
}
